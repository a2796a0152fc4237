package io.classroomml.contract;

/**
 * The metrics the trainer prints once per epoch, each with the SageMaker metric name and the key it
 * has in the log line. See {@link MetricDefinitions} for the line format and the regexes.
 */
public enum Metric {
  EPOCH("epoch", "epoch"),
  TRAIN_LOSS("train:loss", "train_loss"),
  TRAIN_ACCURACY("train:accuracy", "train_accuracy"),
  VALIDATION_LOSS("validation:loss", "validation_loss"),
  VALIDATION_ACCURACY("validation:accuracy", "validation_accuracy"),
  EPOCH_SECONDS("epoch:seconds", "epoch_seconds"),
  IMAGES_PER_SECOND("train:images_per_second", "images_per_second"),
  LEARNING_RATE("train:learning_rate", "learning_rate"),
  DATA_WAIT_FRACTION("train:data_wait_fraction", "data_wait_fraction");

  private final String metricName;
  private final String key;

  Metric(String metricName, String key) {
    this.metricName = metricName;
    this.key = key;
  }

  /** The name SageMaker shows (and the tuning objective refers to), e.g. {@code train:loss}. */
  public String metricName() {
    return metricName;
  }

  /** The key in the log line, e.g. {@code train_loss}. */
  public String key() {
    return key;
  }
}
