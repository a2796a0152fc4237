package io.classroomml.infra;

/**
 * Every name the classroom gives to things outside CloudFormation's generated names: stacks,
 * repositories, tags and the prefixes of the jobs the pipelines start. IAM policies scope students
 * by these prefixes, so they live in one place.
 */
public final class Names {

  /** Tag on everything a student's stack or pipelines create; IAM requires it on requests. */
  public static final String STUDENT_TAG = "classroom-ml:student";

  /** Tag that marks a role as belonging to the classroom (ECR pulls are limited to these). */
  public static final String ROLE_TAG = "classroom-ml:role";

  /** The shared platform stack (image repositories, janitor, class dashboard). */
  public static final String PLATFORM_STACK = "Classroom-Platform";

  /** ECR repository of the training image. */
  public static final String TRAINING_REPOSITORY = "classroom-ml/training";

  /** ECR repository of the inference image. */
  public static final String INFERENCE_REPOSITORY = "classroom-ml/inference";

  /**
   * Step Functions intrinsic giving a 12-hex-digit unique suffix (the last group of a UUID), so a
   * job name is {@code <prefix>-<suffix>} and stays within SageMaker's name limits.
   */
  public static final String UNIQUE_SUFFIX =
      "States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 4)";

  private Names() {}

  /** The stack of student {@code id}. */
  public static String studentStack(String id) {
    return "Classroom-" + id;
  }

  /** Training jobs the student's pipeline starts are named {@code <this>-<suffix>}. */
  public static String trainingJobPrefix(String id) {
    return id + "-train";
  }

  /** Tuning jobs (at most 32 characters with the suffix). */
  public static String tuningJobPrefix(String id) {
    return id + "-tune";
  }

  /** Batch transform jobs. */
  public static String transformJobPrefix(String id) {
    return id + "-transform";
  }

  /** Models the batch transform pipeline creates (and deletes) for one job. */
  public static String batchModelPrefix(String id) {
    return id + "-batch";
  }

  /** The student's endpoint (a fixed name so dashboards and alarms can find it). */
  public static String endpointName(String id) {
    return id + "-endpoint";
  }
}
