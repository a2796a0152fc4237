package io.classroomml.reports;

import io.classroomml.contract.Metric;

/**
 * One epoch of a training run. NaN where a value is unknown (e.g. no validation set).
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch
 * @param trainAccuracy training accuracy, 0..1
 * @param validationLoss validation loss, NaN without a validation set
 * @param validationAccuracy validation accuracy, 0..1, NaN without a validation set
 * @param epochSeconds wall time of the epoch
 * @param imagesPerSecond training throughput
 * @param dataWaitSeconds time the training loop waited for the next batch
 * @param computeSeconds time spent in forward, backward and the optimizer step
 * @param learningRate learning rate at the end of the epoch
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double epochSeconds,
    double imagesPerSecond,
    double dataWaitSeconds,
    double computeSeconds,
    double learningRate) {

  /**
   * An epoch of which only one metric is known (e.g. a tuning trial's objective, scraped from its
   * log); everything else is NaN.
   */
  public static EpochStats of(int epoch, Metric metric, double value) {
    double[] v = new double[Metric.values().length];
    java.util.Arrays.fill(v, Double.NaN);
    v[metric.ordinal()] = value;
    return new EpochStats(
        epoch,
        v[Metric.TRAIN_LOSS.ordinal()],
        v[Metric.TRAIN_ACCURACY.ordinal()],
        v[Metric.VALIDATION_LOSS.ordinal()],
        v[Metric.VALIDATION_ACCURACY.ordinal()],
        v[Metric.EPOCH_SECONDS.ordinal()],
        v[Metric.IMAGES_PER_SECOND.ordinal()],
        Double.NaN,
        Double.NaN,
        v[Metric.LEARNING_RATE.ordinal()]);
  }

  /**
   * Share of the step time (data wait plus compute) spent waiting for data, 0..1; NaN when either
   * part is unknown or both are zero.
   */
  public double dataWaitFraction() {
    double step = dataWaitSeconds + computeSeconds;
    return step > 0 ? dataWaitSeconds / step : Double.NaN;
  }

  /**
   * This epoch's value of a contract metric (the names the log line, SageMaker and the tuner use),
   * so a tuning objective such as {@code validation:accuracy} can be read from epochs.
   */
  public double value(Metric metric) {
    return switch (metric) {
      case EPOCH -> epoch;
      case TRAIN_LOSS -> trainLoss;
      case TRAIN_ACCURACY -> trainAccuracy;
      case VALIDATION_LOSS -> validationLoss;
      case VALIDATION_ACCURACY -> validationAccuracy;
      case EPOCH_SECONDS -> epochSeconds;
      case IMAGES_PER_SECOND -> imagesPerSecond;
      case LEARNING_RATE -> learningRate;
      case DATA_WAIT_FRACTION -> dataWaitFraction();
    };
  }
}
