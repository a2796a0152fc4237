package io.classroomml.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.SageMakerPaths;
import io.classroomml.testing.Requirements;
import io.classroomml.training.config.TrainingEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real data: Fashion-MNIST from Debian's {@code dataset-fashion-mnist} (installed by {@code
 * scripts/test}). About 23,000 training images seen in three short epochs must classify the full
 * 10,000 image test set far above chance (10 %) and above what a linear model reaches on raw
 * pixels.
 */
class FashionMnistAccuracyTest {

  /**
   * Softmax regression on raw pixels reaches about 84 %; a CNN after 23k images of a 3-epoch run
   * must beat 78 %.
   */
  private static final double ACCURACY_FLOOR = 0.78;

  @TempDir Path dir;

  @Test
  @Timeout(
      20 * 60) // three short epochs: about 3 minutes on 2 idle cores, 9 when 10 jobs share them
  void aShortRunOnRealFashionMnistClearsTheAccuracyFloor() throws Exception {
    Path fashion = Requirements.fashionMnist();
    JobDirectory job = new JobDirectory(dir.resolve("opt/ml"));
    job.configure(
        Map.of(
            "epochs", "3",
            "batch_size", "128",
            "max_steps_per_epoch", "60",
            "learning_rate", "0.1",
            "crop_padding", "2",
            "warmup_epochs", "0.2"),
        List.of("train"));
    Path channel = job.channel("train");
    try (var files = Files.list(fashion)) {
      for (Path f : files.toList()) {
        Files.createSymbolicLink(channel.resolve(f.getFileName()), f);
      }
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    TrainingResult result =
        Training.run(
            TrainingEnvironment.load(new SageMakerPaths(job.base), Map.of()),
            new StopSignal(),
            new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("60000 training images 1x28x28")
        .contains("10000 images from test files in the train channel");
    assertThat(result.finalMetrics().get("validation:accuracy"))
        .as(log.toString(StandardCharsets.UTF_8))
        .isGreaterThan(ACCURACY_FLOOR);
  }
}
