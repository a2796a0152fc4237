package io.classroomml.contract.tuning;

/** How a numeric range is searched ({@code ScalingType}). */
public enum ScalingType {
  /** SageMaker chooses. */
  AUTO("Auto"),
  /** Uniform between min and max. */
  LINEAR("Linear"),
  /** Uniform in log space; the whole range must be above zero. */
  LOGARITHMIC("Logarithmic"),
  /** Dense near 1; the range must satisfy {@code 0 <= x < 1} (continuous ranges only). */
  REVERSE_LOGARITHMIC("ReverseLogarithmic");

  private final String apiName;

  ScalingType(String apiName) {
    this.apiName = apiName;
  }

  /** The value SageMaker's API uses, e.g. {@code Logarithmic}. */
  public String apiName() {
    return apiName;
  }
}
