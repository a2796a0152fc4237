package io.classroomml.contract.tuning;

/** Whether the tuner looks for the largest or the smallest objective value. */
public enum ObjectiveType {
  /** Larger is better (accuracy). */
  MAXIMIZE("Maximize"),
  /** Smaller is better (loss). */
  MINIMIZE("Minimize");

  private final String apiName;

  ObjectiveType(String apiName) {
    this.apiName = apiName;
  }

  /** The value SageMaker's API uses. */
  public String apiName() {
    return apiName;
  }

  /** Whether {@code candidate} is better than {@code best} under this objective. */
  public boolean isBetter(double candidate, double best) {
    return this == MAXIMIZE ? candidate > best : candidate < best;
  }
}
