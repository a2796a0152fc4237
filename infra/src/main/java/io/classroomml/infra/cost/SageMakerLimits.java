package io.classroomml.infra.cost;

/**
 * API limits the classroom enforces at synth time (botocore SageMaker service model and the
 * Developer Guide; see shared/reference/sagemaker-contracts.md section 5.1).
 */
public final class SageMakerLimits {

  /** {@code StoppingCondition.MaxRuntimeInSeconds}: 28 days. */
  public static final long MAX_RUNTIME_SECONDS = 2_419_200;

  /** Serverless {@code MemorySizeInMB}: 1024 to 6144 in 1024 steps. */
  public static final int SERVERLESS_MIN_MEMORY_MB = 1024;

  public static final int SERVERLESS_MAX_MEMORY_MB = 6144;
  public static final int SERVERLESS_MEMORY_STEP_MB = 1024;

  /** Serverless {@code MaxConcurrency}: 1 to 200. */
  public static final int SERVERLESS_MAX_CONCURRENCY = 200;

  /** {@code ResourceConfig.VolumeSizeInGB} upper bound for training (16 TB). */
  public static final int MAX_TRAINING_VOLUME_GB = 16_384;

  /** Real-time endpoints: the project's cap on autoscaling capacity per student. */
  public static final int MAX_ENDPOINT_CAPACITY = 10;

  private SageMakerLimits() {}

  /**
   * SageMaker's limit on every job's runtime (and a spot job's wait): 28 days.
   *
   * @throws io.classroomml.infra.config.ConfigException naming {@code key} when it is above
   */
  static void requireRuntime(String key, long seconds, String example) {
    if (seconds > MAX_RUNTIME_SECONDS) {
      throw new io.classroomml.infra.config.ConfigException(
          key,
          Long.toString(seconds),
          "SageMaker allows at most " + MAX_RUNTIME_SECONDS + " s (28 days)" + example);
    }
  }
}
