package io.classroomml.local.job;

import io.classroomml.contract.SageMakerPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The part of a job's record that its end decides: the status from the exit code (0 Completed,
 * after a stop Stopped, else Failed with {@code output/failure} as the reason) and the artifacts,
 * packed like SageMaker's. While the job runs, it is {@link #running()}.
 *
 * @param status TrainingJobStatus
 * @param secondaryStatus SecondaryStatus
 * @param failureReason for failed jobs, else null
 * @param exitCode the container's exit code, or null while running
 * @param modelArtifacts path of {@code model.tar.gz}, or null
 * @param outputArtifacts path of {@code output.tar.gz}, or null
 * @param endTime ISO-8601, or null while running
 */
record JobOutcome(
    String status,
    String secondaryStatus,
    String failureReason,
    Integer exitCode,
    String modelArtifacts,
    String outputArtifacts,
    String endTime) {

  /** A job whose container is running. */
  static JobOutcome running() {
    return new JobOutcome(TrainingJobRecord.IN_PROGRESS, "Training", null, null, null, null, null);
  }

  /**
   * A job whose container exited with {@code exit}; packs {@code /opt/ml/model} and {@code
   * /opt/ml/output/data} into {@code jobDir/output}.
   *
   * @param stopStatus the secondary status a stop asked for, or null if none was asked
   */
  static JobOutcome ended(SageMakerPaths paths, Path jobDir, int exit, String stopStatus) {
    String status;
    String secondary;
    String reason = null;
    if (exit == 0) {
      status = TrainingJobRecord.COMPLETED;
      secondary = "Completed";
    } else if (stopStatus != null) {
      status = TrainingJobRecord.STOPPED;
      secondary = stopStatus;
    } else {
      status = TrainingJobRecord.FAILED;
      secondary = "Failed";
      reason = failureReason(paths, exit);
    }
    String model = null;
    String output = null;
    try {
      if (hasFiles(paths.model())) {
        Path archive = jobDir.resolve("output/model.tar.gz");
        Archives.pack(paths.model(), archive);
        model = archive.toString();
      }
      if (hasFiles(paths.outputData())) {
        Path archive = jobDir.resolve("output/output.tar.gz");
        Archives.pack(paths.outputData(), archive);
        output = archive.toString();
      }
    } catch (IOException e) {
      status = TrainingJobRecord.FAILED;
      reason = "could not pack the job's artifacts: " + e;
    }
    return new JobOutcome(status, secondary, reason, exit, model, output, Instant.now().toString());
  }

  private static String failureReason(SageMakerPaths paths, int exit) {
    try {
      if (Files.isRegularFile(paths.failure())) {
        String text = Files.readString(paths.failure(), StandardCharsets.UTF_8).strip();
        return text.length() > SageMakerPaths.FAILURE_REASON_LIMIT
            ? text.substring(0, SageMakerPaths.FAILURE_REASON_LIMIT)
            : text;
      }
    } catch (IOException e) {
      // fall through to the exit code
    }
    return "AlgorithmError: the container exited with code "
        + exit
        + " and wrote no "
        + paths.failure()
        + "; see the job's log";
  }

  private static boolean hasFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    }
  }
}
