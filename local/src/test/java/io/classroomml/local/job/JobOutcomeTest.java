package io.classroomml.local.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.SageMakerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobOutcomeTest {

  @TempDir Path dir;

  @Test
  void exitZero_isCompletedAndPacksTheModel() throws IOException {
    SageMakerPaths paths = new SageMakerPaths(dir.resolve("opt-ml"));
    Files.createDirectories(paths.model());
    Files.writeString(paths.model().resolve("manifest.json"), "{}");
    JobOutcome o = JobOutcome.ended(paths, dir, 0, null);
    assertThat(o.status()).isEqualTo(TrainingJobRecord.COMPLETED);
    assertThat(o.secondaryStatus()).isEqualTo("Completed");
    assertThat(o.modelArtifacts()).isEqualTo(dir.resolve("output/model.tar.gz").toString());
    assertThat(o.outputArtifacts()).isNull();
    assertThat(o.exitCode()).isZero();
    assertThat(o.endTime()).isNotNull();
  }

  @Test
  void nonZeroAfterAStop_isStoppedWithTheStopsSecondaryStatus() {
    JobOutcome o = JobOutcome.ended(new SageMakerPaths(dir), dir, 143, "MaxRuntimeExceeded");
    assertThat(o.status()).isEqualTo(TrainingJobRecord.STOPPED);
    assertThat(o.secondaryStatus()).isEqualTo("MaxRuntimeExceeded");
    assertThat(o.failureReason()).isNull();
  }

  @Test
  void nonZeroWithoutAStop_failsWithTheFailureFileCutToSageMakersLimit() throws IOException {
    SageMakerPaths paths = new SageMakerPaths(dir);
    Files.createDirectories(paths.failure().getParent());
    Files.writeString(paths.failure(), "x".repeat(SageMakerPaths.FAILURE_REASON_LIMIT + 5));
    JobOutcome o = JobOutcome.ended(paths, dir, 1, null);
    assertThat(o.status()).isEqualTo(TrainingJobRecord.FAILED);
    assertThat(o.failureReason()).hasSize(SageMakerPaths.FAILURE_REASON_LIMIT);
  }

  @Test
  void nonZeroWithoutAFailureFile_namesTheExitCode() {
    JobOutcome o = JobOutcome.ended(new SageMakerPaths(dir), dir, 3, null);
    assertThat(o.failureReason()).startsWith("AlgorithmError: the container exited with code 3");
  }

  @Test
  void running_isInProgressWithNothingEnded() {
    JobOutcome o = JobOutcome.running();
    assertThat(o.status()).isEqualTo(TrainingJobRecord.IN_PROGRESS);
    assertThat(o.exitCode()).isNull();
    assertThat(o.endTime()).isNull();
  }
}
