package io.classroomml.contract;

/**
 * The names a student's stack and pipelines give to things, shared by the CDK app (which creates
 * them and scopes IAM by them) and local mode's verbs against AWS (which find them): the stack
 * {@code Classroom-<id>}, and SageMaker names that start {@code <id>--} ({@code <id>--train-<12
 * hex>}, {@code <id>--tune-…}, {@code <id>--transform-…}, {@code <id>--endpoint}).
 */
public final class StudentNames {

  /**
   * What separates a student id from the rest of every SageMaker name. Student ids never contain
   * it, so {@code <id>--} is a prefix of no other student's names.
   */
  public static final String SEPARATOR = "--";

  /** The stack's CloudFormation outputs the student's tools read: the data bucket. */
  public static final String OUTPUT_DATA_BUCKET = "DataBucket";

  /** The artifact bucket (models, checkpoints, the pipelines' records). */
  public static final String OUTPUT_ARTIFACTS_BUCKET = "ArtifactsBucket";

  /** The training pipeline's state machine ARN. */
  public static final String OUTPUT_TRAINING_PIPELINE = "TrainingPipelineArn";

  /** The tuning pipeline's state machine ARN. */
  public static final String OUTPUT_TUNING_PIPELINE = "TuningPipelineArn";

  /** The batch transform pipeline's state machine ARN. */
  public static final String OUTPUT_TRANSFORM_PIPELINE = "TransformPipelineArn";

  private StudentNames() {}

  /** The CloudFormation stack of student {@code id}. */
  public static String stack(String id) {
    return "Classroom-" + id;
  }

  /** {@code <id>--}: the start of every SageMaker name of this student. */
  public static String prefix(String id) {
    return id + SEPARATOR;
  }

  /** Training jobs the training pipeline starts are named {@code <this>-<12 hex>}. */
  public static String trainingJobPrefix(String id) {
    return prefix(id) + "train";
  }

  /** Tuning jobs ({@code <this>-<12 hex>}, at most 32 characters); trials add {@code -NNN-…}. */
  public static String tuningJobPrefix(String id) {
    return prefix(id) + "tune";
  }

  /** Batch transform jobs. */
  public static String transformJobPrefix(String id) {
    return prefix(id) + "transform";
  }

  /** Models the batch transform pipeline creates (and deletes) for one job. */
  public static String batchModelPrefix(String id) {
    return prefix(id) + "batch";
  }

  /** The student's endpoint, a fixed name. */
  public static String endpoint(String id) {
    return prefix(id) + "endpoint";
  }
}
