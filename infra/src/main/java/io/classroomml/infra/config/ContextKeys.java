package io.classroomml.infra.config;

/** Every CDK context key the classroom reads (set in {@code cdk.json} or with {@code -c}). */
public final class ContextKeys {

  /** Context key {@value}; see docs/configuration.md. */
  public static final String ACCOUNT = "account";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String REGION = "region";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String STUDENTS = "students";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String MODELS = "models";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String BUDGET_USD = "budgetUsd";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String BUDGET_THRESHOLDS = "budgetThresholds";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String EXPIRES_AT = "expiresAt";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String ALLOWED_INSTANCE_TYPES = "allowedInstanceTypes";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_INSTANCE_TYPE = "trainingInstanceType";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_INSTANCE_COUNT = "trainingInstanceCount";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_SPOT = "trainingSpot";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_MAX_RUNTIME = "trainingMaxRuntimeSeconds";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_MAX_WAIT = "trainingMaxWaitSeconds";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_VOLUME_GB = "trainingVolumeGb";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TUNING_SPEC = "tuningSpec";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String ENDPOINT_MODE = "endpointMode";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String SERVERLESS_MEMORY_MB = "serverlessMemoryMb";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String SERVERLESS_MAX_CONCURRENCY = "serverlessMaxConcurrency";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String ENDPOINT_INSTANCE_TYPE = "endpointInstanceType";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String ENDPOINT_MIN_CAPACITY = "endpointMinCapacity";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String ENDPOINT_MAX_CAPACITY = "endpointMaxCapacity";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRANSFORM_INSTANCE_TYPE = "transformInstanceType";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRANSFORM_INSTANCE_COUNT = "transformInstanceCount";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRANSFORM_MAX_RUNTIME = "transformMaxRuntimeSeconds";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String TRAINING_IMAGE_DIGEST = "trainingImageDigest";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String INFERENCE_IMAGE_DIGEST = "inferenceImageDigest";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String SHARED_DATA = "sharedData";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String COST_ESTIMATE_FILE = "costEstimateFile";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String STUDENT_DASHBOARDS = "studentDashboards";

  private ContextKeys() {}
}
