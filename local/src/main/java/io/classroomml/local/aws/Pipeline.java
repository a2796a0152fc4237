package io.classroomml.local.aws;

import io.classroomml.contract.StudentNames;

/**
 * The student stack's three pipelines: which stack output holds each ARN, the Task state that runs
 * the SageMaker job, the request field that names the job, and where the job's logs go.
 */
enum Pipeline {
  TRAINING("training", "TrainingJobName", "/aws/sagemaker/TrainingJobs"),
  TUNING("tuning", "HyperParameterTuningJobName", null),
  TRANSFORM("transform", "TransformJobName", "/aws/sagemaker/TransformJobs");

  private final String word;
  private final String jobNameField;
  private final String logGroup;

  Pipeline(String word, String jobNameField, String logGroup) {
    this.word = word;
    this.jobNameField = jobNameField;
    this.logGroup = logGroup;
  }

  /** {@code training}, {@code tuning}, {@code transform}. */
  String word() {
    return word;
  }

  /** The field of the SageMaker request (in the TaskScheduled event) that names the job. */
  String jobNameField() {
    return jobNameField;
  }

  /** The CloudWatch Logs group of its jobs (null for tuning: one log per trial). */
  String logGroup() {
    return logGroup;
  }

  /** This pipeline's ARN among the stack's outputs. */
  String arn(StackOutputs stack) {
    return switch (this) {
      case TRAINING -> stack.trainingPipeline();
      case TUNING -> stack.tuningPipeline();
      case TRANSFORM -> stack.transformPipeline();
    };
  }

  /**
   * The kind of job a SageMaker name is, from the pipelines' names ({@link StudentNames}: {@code
   * <id>--train-<12 hex>}, {@code <id>--tune-<12 hex>}, {@code <id>--transform-<12 hex>}); a tuning
   * trial ({@code <id>--tune-<12 hex>-NNN-<8 hex>}) is a training job. Null for a name the
   * pipelines do not give.
   */
  static Pipeline ofJob(String jobName) {
    int at = jobName.indexOf(StudentNames.SEPARATOR);
    if (at <= 0) {
      return null;
    }
    String rest = jobName.substring(at + StudentNames.SEPARATOR.length());
    if (rest.matches("train-[0-9a-f]{12}")) {
      return TRAINING;
    }
    if (rest.matches("tune-[0-9a-f]{12}")) {
      return TUNING;
    }
    if (rest.matches("tune-[0-9a-f]{12}-[0-9]{3}-[0-9a-f]{8}")) {
      return TRAINING;
    }
    return rest.matches("transform-[0-9a-f]{12}") ? TRANSFORM : null;
  }
}
