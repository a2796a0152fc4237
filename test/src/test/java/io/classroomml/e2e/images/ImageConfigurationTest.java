package io.classroomml.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.NativeMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What SageMaker reads from an image, asserted from the tars the build made. */
@Timeout(10 * 60) // each test unpacks an image tar of a few hundred MB with the host's tar
class ImageConfigurationTest {

  private static final String BIND_LABEL =
      "com.amazonaws.sagemaker.capabilities.accept-bind-to-port";

  @TempDir Path dir;

  @Test
  void trainingImage_execEntrypointRunsTheTrainer_andTrainIsTheDefaultArgument() throws Exception {
    ImageTar image = ImageTar.open(ImageTar.built("training"), dir);

    List<String> entrypoint = image.strings("/config/Entrypoint");
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).endsWith("io.classroomml.training.TrainMain");
    assertThat(entrypoint).contains("-Dai.djl.offline=true", "-XX:MaxRAMPercentage=50");
    assertThat(image.strings("/config/Cmd")).containsExactly("train");
    assertThat(image.environment())
        .containsEntry(NativeMemory.ENV, NativeMemory.TUNABLES)
        .containsKey("PYTORCH_LIBRARY_PATH"); // the images' shared variables are kept
  }

  @Test
  void inferenceImage_servesOn8080_withTheBindToPortLabel() throws Exception {
    ImageTar image = ImageTar.open(ImageTar.built("inference"), dir);

    assertThat(image.strings("/config/Entrypoint"))
        .startsWith("java")
        .endsWith("io.classroomml.serving.ServeMain");
    assertThat(image.strings("/config/Cmd")).containsExactly("serve");
    assertThat(image.config.at("/config/Labels/" + BIND_LABEL.replace("/", "~1")).asText())
        .isEqualTo("true");
    assertThat(image.config.at("/config/ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(image.environment()).doesNotContainKey(NativeMemory.ENV);
  }

  @Test
  void bothImages_areDockerSaveTars_notOciLayouts() throws Exception {
    for (String name : List.of("training", "inference")) {
      ImageTar image = ImageTar.open(ImageTar.built(name), dir.resolve(name));

      // Jib writes an OCI layout (index.json, oci-layout) for <format>OCI</format>; Docker
      // format gives docker-save's manifest.json and a config with Docker's keys.
      assertThat(image.opened.resolve("oci-layout")).doesNotExist();
      assertThat(image.opened.resolve("index.json")).doesNotExist();
      assertThat(image.manifest.at("/0/Layers")).isNotEmpty();
      assertThat(image.config.at("/architecture").asText()).isEqualTo("amd64");
      assertThat(image.config.at("/created").asText()).startsWith("1970-01-01T00:00:00");
    }
  }

  @Test
  void libtorchIsPreExtracted_inItsOwnLayer_andNoNativeJarShips() throws Exception {
    ImageTar image = ImageTar.open(ImageTar.built("inference"), dir);
    assertThat(image.environment()).containsEntry("PYTORCH_LIBRARY_PATH", "/opt/libtorch");

    List<String> nativeLayers = new ArrayList<>();
    List<String> allEntries = new ArrayList<>();
    for (String layer : image.layers()) {
      List<String> entries = image.layerEntries(layer);
      allEntries.addAll(entries);
      if (entries.stream().anyMatch(e -> e.endsWith("opt/libtorch/libtorch_cpu.so"))) {
        nativeLayers.add(layer);
        assertThat(entries)
            .as("the natives layer holds the natives and nothing that changes with the code")
            .noneMatch(e -> e.startsWith("app/") || e.startsWith("./app/"));
      }
    }
    assertThat(nativeLayers).hasSize(1);
    assertThat(allEntries).anyMatch(e -> e.endsWith("opt/libtorch/libdjl_torch.so"));
    assertThat(allEntries)
        .noneMatch(e -> e.contains("pytorch-native-") || e.contains("pytorch-jni"));
  }
}
