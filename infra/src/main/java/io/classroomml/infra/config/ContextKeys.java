package io.classroomml.infra.config;

import java.util.List;

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

  /**
   * Context key {@value}: {@code gpu} or {@code cpu}, the training image's PyTorch natives, printed
   * by scripts/build-images next to the digest; a GPU image with a CPU training instance type is
   * refused at synth. See docs/configuration.md.
   */
  public static final String TRAINING_IMAGE_FLAVOR = "trainingImageFlavor";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String SHARED_DATA = "sharedData";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String COST_ESTIMATE_FILE = "costEstimateFile";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String STUDENT_DASHBOARDS = "studentDashboards";

  /** Context key {@value}: which stacks to synthesize; see docs/configuration.md. */
  public static final String STACKS = "stacks";

  /** Context key {@value}: runs per pipeline per student at once; see docs/cost-guard.md. */
  public static final String MAX_CONCURRENT_JOBS = "maxConcurrentJobs";

  /** Context key {@value}; see docs/configuration.md. */
  public static final String CDK_NAG = "cdkNag";

  /** Context key {@value}; see docs/configuration.md and docs/notebooks.md. */
  public static final String STUDENT_NOTEBOOKS = "studentNotebooks";

  /** Context key {@value}; see docs/configuration.md and docs/notebooks.md. */
  public static final String NOTEBOOK_INSTANCE_TYPES = "notebookInstanceTypes";

  /** Context key {@value}; see docs/configuration.md and docs/notebooks.md. */
  public static final String NOTEBOOK_IDLE_MINUTES = "notebookIdleMinutes";

  /** Every key above: any other key that is not the CDK's own is refused as a typo. */
  public static final List<String> ALL =
      List.of(
          ACCOUNT,
          REGION,
          STUDENTS,
          MODELS,
          BUDGET_USD,
          BUDGET_THRESHOLDS,
          EXPIRES_AT,
          ALLOWED_INSTANCE_TYPES,
          TRAINING_INSTANCE_TYPE,
          TRAINING_INSTANCE_COUNT,
          TRAINING_SPOT,
          TRAINING_MAX_RUNTIME,
          TRAINING_MAX_WAIT,
          TRAINING_VOLUME_GB,
          TUNING_SPEC,
          ENDPOINT_MODE,
          SERVERLESS_MEMORY_MB,
          SERVERLESS_MAX_CONCURRENCY,
          ENDPOINT_INSTANCE_TYPE,
          ENDPOINT_MIN_CAPACITY,
          ENDPOINT_MAX_CAPACITY,
          TRANSFORM_INSTANCE_TYPE,
          TRANSFORM_INSTANCE_COUNT,
          TRANSFORM_MAX_RUNTIME,
          TRAINING_IMAGE_DIGEST,
          INFERENCE_IMAGE_DIGEST,
          TRAINING_IMAGE_FLAVOR,
          SHARED_DATA,
          COST_ESTIMATE_FILE,
          STUDENT_DASHBOARDS,
          STACKS,
          MAX_CONCURRENT_JOBS,
          CDK_NAG,
          STUDENT_NOTEBOOKS,
          NOTEBOOK_INSTANCE_TYPES,
          NOTEBOOK_IDLE_MINUTES);

  /**
   * Prefixes of the keys the CDK itself sets: feature flags in cdk.json ({@code @aws-cdk/...}),
   * what the CLI adds to every synth ({@code aws:cdk:enable-path-metadata}, {@code
   * aws:cdk:version-reporting}, {@code aws:cdk:bundling-stacks}, ...) and other CDK tools' keys.
   */
  static final List<String> CDK_PREFIXES =
      List.of("@aws-cdk/", "@aws-cdk-containers/", "aws:cdk:", "aws-cdk:", "cdk:", "cdk-");

  /**
   * Keys the CDK CLI keeps in cdk.json's context block (telemetry opt-out, acknowledged notices).
   */
  static final List<String> CDK_KEYS = List.of("cli-telemetry", "acknowledged-issue-numbers");

  /**
   * Whether {@code key} belongs to the CDK: a {@link #CDK_PREFIXES prefix}, a {@link #CDK_KEYS CLI
   * key}, or a cached lookup from cdk.context.json ({@code <provider>:account=...:region=...}).
   */
  static boolean isCdkKey(String key) {
    return CDK_KEYS.contains(key)
        || CDK_PREFIXES.stream().anyMatch(key::startsWith)
        || key.matches("[a-z0-9-]+:account=.*");
  }

  private ContextKeys() {}
}
