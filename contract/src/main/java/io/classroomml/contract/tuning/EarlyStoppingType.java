package io.classroomml.contract.tuning;

/** {@code TrainingJobEarlyStoppingType}: whether the tuner may stop unpromising trials early. */
public enum EarlyStoppingType {
  /** Every trial runs to its end (the API default; required for Hyperband). */
  OFF("Off"),
  /** A trial stops when its objective at an epoch is worse than the median of earlier trials. */
  AUTO("Auto");

  private final String apiName;

  EarlyStoppingType(String apiName) {
    this.apiName = apiName;
  }

  /** The value SageMaker's API uses. */
  public String apiName() {
    return apiName;
  }
}
