package io.classroomml.contract;

/**
 * The status of a training or tuning job, as SageMaker's {@code TrainingJobStatus} and {@code
 * HyperParameterTuningJobStatus} spell it; local mode records and the reports use the same words.
 */
public enum JobStatus {
  /** Started and not yet finished. */
  IN_PROGRESS("InProgress"),
  /** Ran to its end. */
  COMPLETED("Completed"),
  /** Ended with an error. */
  FAILED("Failed"),
  /** Asked to stop; not yet stopped. */
  STOPPING("Stopping"),
  /** Stopped before its end (by the user, the tuner's early stopping or a time limit). */
  STOPPED("Stopped");

  private final String apiName;

  JobStatus(String apiName) {
    this.apiName = apiName;
  }

  /** The word SageMaker's API uses. */
  public String apiName() {
    return apiName;
  }

  /** Whether the job has ended (completed, failed or stopped). */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == STOPPED;
  }

  @Override
  public String toString() {
    return apiName;
  }
}
