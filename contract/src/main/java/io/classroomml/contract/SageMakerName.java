package io.classroomml.contract;

import java.util.regex.Pattern;

/**
 * SageMaker's naming rule for the resources the classroom creates: 1 to {@link #maxLength()}
 * letters, digits and hyphens, starting and ending with a letter or digit (the API's pattern {@code
 * ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,N-1}}). Tuning job names are shorter because SageMaker prefixes
 * each trial's name with them.
 */
public enum SageMakerName {
  /** {@code TrainingJobName}. */
  TRAINING_JOB("training job", 63),
  /** {@code HyperParameterTuningJobName}. */
  TUNING_JOB("tuning job", 32),
  /** {@code TransformJobName}. */
  TRANSFORM_JOB("transform job", 63),
  /** {@code ModelName}. */
  MODEL("model", 63),
  /** {@code EndpointName} and {@code EndpointConfigName}. */
  ENDPOINT("endpoint", 63);

  /**
   * The API's pattern, as botocore's service models write it (lengths apart); error messages that
   * copy AWS's wording quote it.
   */
  public static final String API_PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9])*";

  private static final Pattern SHAPE = Pattern.compile(API_PATTERN);

  private final String what;
  private final int maxLength;

  SageMakerName(String what, int maxLength) {
    this.what = what;
    this.maxLength = maxLength;
  }

  /** The most characters a name may have. */
  public int maxLength() {
    return maxLength;
  }

  /** Whether SageMaker accepts {@code name}. */
  public boolean isValid(String name) {
    return name != null
        && !name.isEmpty()
        && name.length() <= maxLength
        && SHAPE.matcher(name).matches();
  }

  /** The rule in words, for error messages. */
  public String rule() {
    return "1-" + maxLength + " letters, digits and inner hyphens (SageMaker's rule)";
  }

  /** A message for an invalid name: {@code tuning job name 'x_y' is not valid: ...}. */
  public String invalid(String name) {
    return what + " name '" + name + "' is not valid: " + rule();
  }
}
