package io.classroomml.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.ModelManifest;
import io.classroomml.datasets.Cifar10Format;
import io.classroomml.local.data.SyntheticCifar10;
import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SageMaker training contract, exercised on the real entrypoint in its own JVM with a temporary
 * {@code SAGEMAKER_BASE_DIR}: exit codes, the failure file, outputs, SIGTERM and resume.
 */
@Timeout(5 * 60) // every test runs the trainer in its own JVM; JobDirectory.run kills it at 5 min
class TrainEntrypointTest {

  private static final Map<String, String> QUICK =
      Map.of("epochs", "2", "batch_size", "32", "max_steps_per_epoch", "8", "model", "smallcnn");

  @TempDir Path dir;

  private JobDirectory cifarJob(Map<String, String> hyperparameters) throws IOException {
    JobDirectory job = new JobDirectory(dir.resolve("opt/ml"));
    job.configure(hyperparameters, List.of("train"));
    SyntheticCifar10.write(job.channel("train"), 20, 5, 1);
    return job;
  }

  @Test
  void aSuccessfulJobExitsZeroAndWritesModelMetricsAndReport() throws Exception {
    JobDirectory job = cifarJob(QUICK);
    Path log = dir.resolve("train.log");

    int code = job.run(log);

    String out = JobDirectory.read(log);
    assertThat(code).as(out).isZero();
    assertThat(job.paths.success()).exists();
    assertThat(job.paths.failure()).doesNotExist();
    ModelManifest manifest = ModelManifest.readFrom(job.paths.model());
    assertThat(manifest.architecture()).isEqualTo("smallcnn");
    assertThat(manifest.classNames()).hasSize(10);
    assertThat(manifest.mean()).hasSize(3);
    assertThat(job.paths.model().resolve(manifest.weightsFile())).exists();
    List<Map<io.classroomml.contract.Metric, Double>> lines =
        out.lines().filter(l -> l.startsWith("metrics:")).map(MetricDefinitions::parse).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .containsKeys(
            io.classroomml.contract.Metric.TRAIN_LOSS,
            io.classroomml.contract.Metric.VALIDATION_ACCURACY,
            io.classroomml.contract.Metric.IMAGES_PER_SECOND);
    JsonNode metrics =
        new ObjectMapper().readTree(job.paths.outputData().resolve("metrics.json").toFile());
    assertThat(metrics.path("epochs")).hasSize(2);
    // A short run: one point per step, in fractional epochs, the last at the end of epoch 2.
    JsonNode steps = metrics.path("steps");
    assertThat(steps.size()).isGreaterThan(4);
    assertThat(steps.get(steps.size() - 1).path("step").asInt()).isEqualTo(steps.size());
    assertThat(steps.get(steps.size() - 1).path("epoch").asDouble()).isEqualTo(2.0);
    assertThat(job.paths.outputData().resolve("report.html")).exists();
    assertThat(job.paths.outputData().resolve("curves.png")).exists();
    assertThat(job.paths.outputData().resolve("confusion_matrix.png")).exists();
  }

  @Test
  void badHyperparametersFailWithEveryProblemInTheFailureFile() throws Exception {
    JobDirectory job = cifarJob(Map.of("epochs", "zero", "optimiser", "adam", "dropout", "2"));

    int code = job.run(dir.resolve("train.log"));

    assertThat(code).isEqualTo(TrainMain.EXIT_CLIENT_ERROR);
    String failure = job.failure();
    assertThat(failure)
        .startsWith("Invalid hyperparameters in hyperparameters.json (3)")
        .contains("'epochs' = 'zero' is not a number")
        .contains("'optimiser' is not a hyperparameter of this trainer (did you mean 'optimizer'?)")
        .contains("'dropout' = '2' is out of range; use a number in [0, 0.95]");
    assertThat(failure.length()).isLessThan(1024);
    assertThat(job.paths.success()).doesNotExist();
  }

  @Test
  void aMissingTrainChannelIsNamedWithTheFix() throws Exception {
    JobDirectory job = new JobDirectory(dir.resolve("opt/ml"));
    job.configure(QUICK, List.of("test"));
    SyntheticCifar10.write(job.channel("test"), 2, 2, 1);

    int code = job.run(dir.resolve("train.log"));

    assertThat(code).isEqualTo(TrainMain.EXIT_CLIENT_ERROR);
    assertThat(job.failure())
        .contains("No 'train' channel")
        .contains("lists [test]")
        .contains("Give the job an input channel named 'train'");
  }

  @Test
  void aListedChannelWithoutFilesIsReported() throws Exception {
    JobDirectory job = new JobDirectory(dir.resolve("opt/ml"));
    job.configure(QUICK, List.of("train", "validation"));
    SyntheticCifar10.write(job.channel("train"), 2, 2, 1);

    job.run(dir.resolve("train.log"));

    assertThat(job.failure())
        .contains("Channel 'validation' is listed in inputdataconfig.json")
        .contains(job.paths.channel("validation").toString());
  }

  @Test
  void aTruncatedCifarFileIsNamedWithItsByteOffset() throws Exception {
    JobDirectory job = cifarJob(QUICK);
    Path batch = job.paths.channel("train").resolve("data_batch_2.bin");
    byte[] bytes = Files.readAllBytes(batch);
    int keep = 3 * Cifar10Format.RECORD_BYTES + 100;
    Files.write(batch, java.util.Arrays.copyOf(bytes, keep));

    int code = job.run(dir.resolve("train.log"));

    assertThat(code).isEqualTo(TrainMain.EXIT_CLIENT_ERROR);
    assertThat(job.failure())
        .contains("data_batch_2.bin")
        .contains(String.valueOf(3 * Cifar10Format.RECORD_BYTES));
  }

  @Test
  @Timeout(10 * 60) // two trainer runs of 3 short epochs
  void sigtermSavesACheckpointAndARestartResumesWithoutLosingEpochs() throws Exception {
    Map<String, String> hp =
        Map.of("epochs", "3", "batch_size", "16", "max_steps_per_epoch", "60", "seed", "5");
    JobDirectory job = cifarJob(hp);
    Path firstLog = dir.resolve("first.log");
    Process first = job.start(firstLog);
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!JobDirectory.read(firstLog).contains("metrics: epoch=1")
          && System.nanoTime() < deadline
          && first.isAlive()) {
        Thread.sleep(100);
      }
      assertThat(first.isAlive()).as(JobDirectory.read(firstLog)).isTrue();

      first.destroy(); // SIGTERM, as docker stop sends
      assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } finally {
      if (first.isAlive()) {
        Processes.kill(first);
      }
    }

    String firstRun = JobDirectory.read(firstLog);
    assertThat(first.exitValue()).as(firstRun).isEqualTo(TrainMain.EXIT_INTERRUPTED);
    // Epoch 2 on most machines; a fast one may be into epoch 3 when the signal lands.
    Matcher stop = Pattern.compile("stop requested: SIGTERM at epoch (\\d+)").matcher(firstRun);
    assertThat(stop.find()).as(firstRun).isTrue();
    int stoppedIn = Integer.parseInt(stop.group(1));
    assertThat(stoppedIn).isBetween(2, 3);
    assertThat(job.paths.checkpoints().resolve("latest")).exists();
    assertThat(job.paths.success()).doesNotExist();
    assertThat(job.paths.failure()).as(firstRun).doesNotExist();
    assertThat(job.paths.outputData().resolve("report.html")).exists();

    Path secondLog = dir.resolve("second.log");
    int code = job.run(secondLog);

    String second = JobDirectory.read(secondLog);
    assertThat(code).as(second).isZero();
    // The checkpoint names the zero-based epoch it resumes in: the one the signal stopped.
    assertThat(second)
        .contains(String.format("resuming from checkpoint epoch-%04d-step-", stoppedIn - 1));
    for (int finished = 1; finished < stoppedIn; finished++) {
      assertThat(second).doesNotContain("metrics: epoch=" + finished + " ");
    }
    JsonNode metrics =
        new ObjectMapper().readTree(job.paths.outputData().resolve("metrics.json").toFile());
    assertThat(metrics.path("epochs")).hasSize(3);
    assertThat(metrics.path("epochs").get(0).path("epoch").asInt()).isEqualTo(1);
    // The curve within epochs survives the restart: every step of the 3 epochs, once, in order.
    JsonNode steps = metrics.path("steps");
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i).path("step").asInt()).isEqualTo(i + 1);
    }
    assertThat(steps.get(steps.size() - 1).path("epoch").asDouble()).isEqualTo(3.0);
    assertThat(metrics.path("epochs").get(2).path("epoch").asInt()).isEqualTo(3);
  }
}
