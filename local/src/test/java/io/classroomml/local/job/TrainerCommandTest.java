package io.classroomml.local.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.NativeMemory;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.local.Installation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerCommandTest {

  @Test
  void trainer_getsTheImagesEnvironment_nativeMemoryAndThreadBudget(@TempDir Path root)
      throws IOException {
    Path jar = root.resolve("training/target/classroom-training.jar");
    Files.createDirectories(jar.getParent());
    Files.createFile(jar);
    TrainingJobRequest request =
        new TrainingJobRequest(
            "job-1", Map.of(), Map.of("train", root), OptionalLong.empty(), 1, null);

    ProcessBuilder pb =
        TrainerCommand.of(new Installation(root), new SageMakerPaths(root.resolve("ml")), request);

    assertThat(pb.environment())
        .containsEntry(NativeMemory.ENV, NativeMemory.TUNABLES)
        .containsEntry("OMP_NUM_THREADS", "1")
        .containsEntry(SageMakerPaths.BASE_DIR_ENV, root.resolve("ml").toString());
    assertThat(pb.command()).contains("-Dai.djl.pytorch.num_threads=1", jar.toString(), "train");
  }
}
