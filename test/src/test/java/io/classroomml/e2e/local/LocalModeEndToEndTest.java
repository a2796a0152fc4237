package io.classroomml.e2e.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.ImageSet;
import io.classroomml.local.data.ChannelWriter;
import io.classroomml.local.job.Archives;
import io.classroomml.testing.Processes;
import io.classroomml.testing.Requirements;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode through its public commands, each one the packaged jar in its own JVM running the real
 * {@code train} and {@code serve} entrypoints as further processes: the whole README flow on a
 * generated CIFAR-format set, and on a Fashion-MNIST subset a grid search with a failing trial and
 * a job stopped like Ctrl-C and then resumed from its checkpoint.
 */
class LocalModeEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  @Timeout(15 * 60) // one `local run` of at most 10 minutes, then `list`
  void run_onGeneratedData_trainsTunesServesTwoEndpointsAndLeavesNothingRunning() throws Exception {
    Path workspace = temp.resolve("ws");
    LocalCommand local = new LocalCommand(workspace);
    LocalCommand.Result run =
        local.run(
            "run",
            "--data-source",
            "generated",
            "--train-images",
            "300",
            "--test-images",
            "60",
            "--images-per-epoch",
            "192",
            "--epochs",
            "2",
            "--trials",
            "4",
            "--parallel",
            "2",
            "--invoke",
            "24",
            "--name",
            "e2e",
            "--no-download");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("data: generated CIFAR-format shapes")
        .contains("endpoint best-e2e in service")
        .contains("endpoint baseline-e2e in service")
        .contains("endpoints deleted; no container left running");

    // the tuning job: 4 trials from the course's spec, ranked by the last emitted objective
    JsonNode tuning = JSON.readTree(workspace.resolve("tuning-jobs/tune-e2e/tuning.json").toFile());
    assertThat(tuning.get("HyperParameterTuningJobStatus").asText()).isEqualTo("Completed");
    assertThat(tuning.get("TrainingJobSummaries")).hasSize(4);
    assertThat(tuning.get("HyperParameterTuningJobConfig").get("Strategy").asText())
        .isEqualTo("Random");
    String best = tuning.get("BestTrainingJob").asText();
    double bestObjective = -1;
    for (JsonNode trial : tuning.get("TrainingJobSummaries")) {
      assertThat(trial.get("TrainingJobName").asText()).matches("tune-e2e-00[1-4]-[0-9a-f]{8}");
      if (trial.has("FinalObjectiveValue")) {
        List<Double> history = new ArrayList<>();
        trial.get("ObjectiveHistory").forEach(v -> history.add(v.asDouble()));
        assertThat(trial.get("FinalObjectiveValue").asDouble())
            .isEqualTo(history.get(history.size() - 1));
        bestObjective = Math.max(bestObjective, trial.get("FinalObjectiveValue").asDouble());
      }
    }
    JsonNode bestJob =
        JSON.readTree(workspace.resolve("training-jobs/" + best + "/job.json").toFile());
    assertThat(bestJob.get("FinalMetricDataList").get("validation:accuracy").asDouble())
        .isEqualTo(bestObjective);
    assertThat(bestJob.get("HyperParameters").get("_tuning_objective_metric").asText())
        .isEqualTo("validation:accuracy");
    assertThat(workspace.resolve("tuning-jobs/tune-e2e/leaderboard.html")).isRegularFile();

    // the training job: SageMaker's layout, artifacts and record
    Path job = workspace.resolve("training-jobs/train-e2e");
    JsonNode record = JSON.readTree(job.resolve("job.json").toFile());
    assertThat(record.get("TrainingJobStatus").asText()).isEqualTo("Completed");
    assertThat(record.get("MetricHistory").get("validation:accuracy")).hasSize(2);
    assertThat(Archives.list(job.resolve("output/model.tar.gz"))).contains("manifest.json");
    assertThat(Archives.list(job.resolve("output/output.tar.gz")))
        .contains("report.html", "curves.png");
    assertThat(job.resolve("opt-ml/input/config/resourceconfig.json")).isRegularFile();
    assertThat(job.resolve("opt-ml/output/success")).exists();

    // the report, and no endpoint still listening
    assertThat(workspace.resolve("runs/e2e/report.md")).content().contains("| best-e2e |");
    Matcher ports =
        Pattern.compile("in service \\(http://127\\.0\\.0\\.1:(\\d+)").matcher(run.output());
    int seen = 0;
    while (ports.find()) {
      seen++;
      assertThat(listening(Integer.parseInt(ports.group(1)))).isFalse();
    }
    assertThat(seen).isEqualTo(2);

    LocalCommand.Result list = local.run("list");
    assertThat(list.output()).contains("train-e2e").contains("tune-e2e").contains("Completed");
  }

  @Test
  @Timeout(25 * 60) // a 3-trial grid, a stopped job and its resume, one command after another
  void fashionMnistSubset_gridWithAFailingTrial_andAStoppedJobResumes() throws Exception {
    ChannelData fashion = ChannelReader.read(Requirements.fashionMnist(), 32);
    Path train = temp.resolve("data/train");
    Path validation = temp.resolve("data/validation");
    ChannelWriter.write(fashion.train().orElseThrow().slice(0, 3000), train, false);
    ImageSet test = fashion.test().orElseThrow();
    ChannelWriter.write(test.slice(0, 200), validation, true);
    Path workspace = temp.resolve("ws");
    LocalCommand local = new LocalCommand(workspace);

    // A value outside the trainer's schema is refused before any trial starts, every problem named.
    Path refusedSpec = temp.resolve("refused.json");
    Files.writeString(
        refusedSpec,
        """
        {"Strategy": "Grid",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:accuracy"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"CategoricalParameterRanges": [
           {"Name": "optimizer", "Values": ["sgd", "adam", "rmsprop"]}]},
         "StaticHyperParameters": {"epochs": "1", "batch_size": "64"}}
        """);
    LocalCommand.Result refused =
        local.run(
            "tune",
            "--name",
            "refused",
            "--data",
            train.toString(),
            "--spec",
            refusedSpec.toString());
    assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
    assertThat(refused.output()).contains("rmsprop", "optimizer");
    assertThat(workspace.resolve("training-jobs")).doesNotExist();

    // Grid with one value only the trainer can refuse (a warm-up longer than the run): that trial
    // fails, the rest rank.
    Path spec = temp.resolve("grid.json");
    Files.writeString(
        spec,
        """
        {"Strategy": "Grid",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:accuracy"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"CategoricalParameterRanges": [
           {"Name": "warmup_epochs", "Values": ["0", "0.5", "3"]}]},
         "StaticHyperParameters": {"epochs": "1", "batch_size": "64"}}
        """);
    LocalCommand.Result tune =
        local.run(
            "tune",
            "--name",
            "grid",
            "--data",
            train.toString(),
            "--validation",
            validation.toString(),
            "--spec",
            spec.toString(),
            "--images-per-epoch",
            "256");
    assertThat(tune.exit()).as(tune.output()).isZero();
    JsonNode tuning = JSON.readTree(workspace.resolve("tuning-jobs/grid/tuning.json").toFile());
    List<String> statuses = new ArrayList<>();
    for (JsonNode trial : tuning.get("TrainingJobSummaries")) {
      String warmup = trial.get("TunedHyperParameters").get("warmup_epochs").asText();
      statuses.add(warmup + ":" + trial.get("TrainingJobStatus").asText());
      if (warmup.equals("3")) {
        assertThat(trial.get("FailureReason").asText()).contains("warmup_epochs");
        assertThat(trial.has("FinalObjectiveValue")).isFalse();
      }
    }
    assertThat(statuses).containsExactlyInAnyOrder("0:Completed", "0.5:Completed", "3:Failed");
    assertThat(tuning.get("TrainingJobStatusCounters").get("Failed").asInt()).isEqualTo(1);
    assertThat(tuning.get("BestTrainingJob").asText()).isNotBlank();

    // A job stopped like Ctrl-C (SIGTERM to the command) keeps its checkpoint and resumes.
    Path log = temp.resolve("stopped.log");
    Process train3 =
        local.start(
            log,
            "train",
            "--name",
            "resumable",
            "--data",
            train.toString(),
            "--validation",
            validation.toString(),
            "--hp",
            "epochs=3",
            "--hp",
            "batch_size=64",
            "--threads",
            "1");
    try {
      awaitLine(log, "metrics: epoch=1", train3);
      train3.toHandle().destroy();
      assertThat(train3.waitFor(3, TimeUnit.MINUTES)).isTrue();
    } finally {
      if (train3.isAlive()) {
        Processes.kill(train3); // a failed or timed-out wait leaves no trainer behind
      }
    }
    JsonNode stopped =
        JSON.readTree(workspace.resolve("training-jobs/resumable/job.json").toFile());
    assertThat(Files.readString(log))
        .contains("checkpoint saved")
        .contains("stopped; its checkpoint is kept: scripts/local resume resumable");
    assertThat(stopped.get("TrainingJobStatus").asText()).isEqualTo("Stopped");
    assertThat(workspace.resolve("training-jobs/resumable/opt-ml/checkpoints/latest")).exists();

    LocalCommand.Result resumed = local.run("resume", "resumable", "--threads", "1");
    assertThat(resumed.exit()).as(resumed.output()).isZero();
    assertThat(resumed.output()).contains("resuming from checkpoint");
    JsonNode done = JSON.readTree(workspace.resolve("training-jobs/resumable/job.json").toFile());
    assertThat(done.get("TrainingJobStatus").asText()).isEqualTo("Completed");
    assertThat(done.get("Runs").asInt()).isEqualTo(2);
    assertThat(
            done.get("MetricHistory")
                .get("epoch")
                .get(done.get("MetricHistory").get("epoch").size() - 1)
                .asInt())
        .isEqualTo(3);
    assertThat(Archives.list(workspace.resolve("training-jobs/resumable/output/model.tar.gz")))
        .contains("manifest.json");

    LocalCommand.Result describe = local.run("describe", "resumable");
    assertThat(describe.output()).contains("\"TrainingJobStatus\" : \"Completed\"");
    LocalCommand.Result again = local.run("resume", "resumable");
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.output()).contains("has completed; there is nothing to resume");
  }

  private static void awaitLine(Path log, String text, Process process) throws Exception {
    for (int i = 0; i < 1800; i++) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("ended before '" + text + "':\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' within 3 minutes:\n" + Files.readString(log));
  }

  private static boolean listening(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }
}
