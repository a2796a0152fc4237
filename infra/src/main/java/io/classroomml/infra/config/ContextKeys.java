package io.classroomml.infra.config;

/** Every CDK context key the classroom reads (set in {@code cdk.json} or with {@code -c}). */
public final class ContextKeys {

  public static final String ACCOUNT = "account";
  public static final String REGION = "region";
  public static final String STUDENTS = "students";
  public static final String MODELS = "models";
  public static final String BUDGET_USD = "budgetUsd";
  public static final String BUDGET_THRESHOLDS = "budgetThresholds";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String ALLOWED_INSTANCE_TYPES = "allowedInstanceTypes";
  public static final String TRAINING_INSTANCE_TYPE = "trainingInstanceType";
  public static final String TRAINING_INSTANCE_COUNT = "trainingInstanceCount";
  public static final String TRAINING_SPOT = "trainingSpot";
  public static final String TRAINING_MAX_RUNTIME = "trainingMaxRuntimeSeconds";
  public static final String TRAINING_MAX_WAIT = "trainingMaxWaitSeconds";
  public static final String TRAINING_VOLUME_GB = "trainingVolumeGb";
  public static final String TUNING_SPEC = "tuningSpec";
  public static final String ENDPOINT_MODE = "endpointMode";
  public static final String SERVERLESS_MEMORY_MB = "serverlessMemoryMb";
  public static final String SERVERLESS_MAX_CONCURRENCY = "serverlessMaxConcurrency";
  public static final String ENDPOINT_INSTANCE_TYPE = "endpointInstanceType";
  public static final String ENDPOINT_MIN_CAPACITY = "endpointMinCapacity";
  public static final String ENDPOINT_MAX_CAPACITY = "endpointMaxCapacity";
  public static final String TRANSFORM_INSTANCE_TYPE = "transformInstanceType";
  public static final String TRANSFORM_INSTANCE_COUNT = "transformInstanceCount";
  public static final String TRANSFORM_MAX_RUNTIME = "transformMaxRuntimeSeconds";
  public static final String TRAINING_IMAGE_DIGEST = "trainingImageDigest";
  public static final String INFERENCE_IMAGE_DIGEST = "inferenceImageDigest";
  public static final String SHARED_DATA = "sharedData";
  public static final String COST_ESTIMATE_FILE = "costEstimateFile";
  public static final String STUDENT_DASHBOARDS = "studentDashboards";

  private ContextKeys() {}
}
