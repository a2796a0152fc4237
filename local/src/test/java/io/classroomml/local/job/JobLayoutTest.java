package io.classroomml.local.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.SageMakerPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLayoutTest {

  @TempDir Path dir;

  @Test
  void write_laysOutOptMlAsSageMakerDoes() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("data_batch_1.bin"), "x");
    SageMakerPaths paths = new SageMakerPaths(dir.resolve("opt-ml"));
    JobLayout.write(
        paths,
        new TrainingJobRequest(
            "job-1", Map.of("epochs", "2"), Map.of("train", data), OptionalLong.empty(), 1, null));
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(paths.hyperparameters().toFile()).get("epochs").isTextual()).isTrue();
    JsonNode channel = json.readTree(paths.inputDataConfig().toFile()).get("train");
    assertThat(channel.get("TrainingInputMode").asText()).isEqualTo("File");
    assertThat(channel.get("S3DistributionType").asText()).isEqualTo("FullyReplicated");
    assertThat(channel.get("RecordWrapperType").asText()).isEqualTo("None");
    JsonNode resource = json.readTree(paths.resourceConfig().toFile());
    assertThat(resource.get("current_host").asText()).isEqualTo("algo-1");
    assertThat(resource.get("hosts").get(0).asText()).isEqualTo("algo-1");
    assertThat(resource.get("network_interface_name").asText()).isEqualTo("eth0");
    assertThat(resource.get("current_instance_type").asText()).isEqualTo("local");
    assertThat(Files.readString(paths.channel("train").resolve("data_batch_1.bin"))).isEqualTo("x");
    assertThat(paths.model()).isDirectory();
    assertThat(paths.checkpoints()).isDirectory();
  }
}
