package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningJobRecorderTest {

  @TempDir Path dir;

  private static final LocalTuner.Options OPTIONS =
      new LocalTuner.Options(1, OptionalInt.empty(), List.of());

  private static TuningJobRecord.TrialSummary trial(String name, String status, Double objective) {
    return new TuningJobRecord.TrialSummary(
        name, status, Map.of("batch_size", "32"), objective, "Succeeded", null, 1, List.of(0.1));
  }

  @Test
  void theRecordIsSavedInProgressFromTheStartAndAfterEveryTrial() {
    Workspace workspace = new Workspace(dir);
    TuningJobRecorder recorder =
        new TuningJobRecorder("t", TuningSpec.defaultSpec(), OPTIONS, workspace);
    assertThat(workspace.tuning("t"))
        .get()
        .extracting(TuningJobRecord::status)
        .isEqualTo("InProgress");

    recorder.finished(trial("t-001", "Completed", 0.4));

    TuningJobRecord saved = workspace.tuning("t").orElseThrow();
    assertThat(saved.trials()).hasSize(1);
    assertThat(saved.bestTrainingJob()).isEqualTo("t-001");
  }

  @Test
  void theEndNamesTheBestTrialCountsStatusesAndWritesTheLeaderboard() {
    Workspace workspace = new Workspace(dir);
    TuningJobRecorder recorder =
        new TuningJobRecorder("t", TuningSpec.defaultSpec(), OPTIONS, workspace);
    recorder.finished(trial("t-001", "Completed", 0.4));
    recorder.finished(trial("t-002", "Failed", 0.9));
    recorder.finished(trial("t-003", "Stopped", 0.6));

    TuningJobRecord record = recorder.end(false);

    assertThat(record.status()).isEqualTo("Completed");
    assertThat(record.bestTrainingJob()).isEqualTo("t-003");
    assertThat(record.statusCounters())
        .containsEntry("Completed", 1)
        .containsEntry("Failed", 1)
        .containsEntry("Stopped", 1)
        .containsEntry("InProgress", 0);
    assertThat(Files.exists(workspace.tuningJob("t").resolve("leaderboard.html"))).isTrue();
  }

  @Test
  void noObjectiveIsAFailedTuningJob_andAnInterruptionAStoppedOne() {
    TuningJobRecorder failed =
        new TuningJobRecorder("f", TuningSpec.defaultSpec(), OPTIONS, new Workspace(dir));
    failed.finished(trial("f-001", "Failed", null));
    assertThat(failed.end(false).status()).isEqualTo("Failed");

    TuningJobRecorder stopped =
        new TuningJobRecorder("s", TuningSpec.defaultSpec(), OPTIONS, new Workspace(dir));
    stopped.finished(trial("s-001", "Completed", 0.5));
    assertThat(stopped.end(true).status()).isEqualTo("Stopped");
  }
}
