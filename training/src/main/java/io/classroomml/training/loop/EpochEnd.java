package io.classroomml.training.loop;

import io.classroomml.reports.EpochStats;
import io.classroomml.training.TrainingResult.Status;
import java.util.Optional;

/**
 * One finished epoch as the listeners pass it along: what the loop measured, then what listeners
 * add in order (the evaluation, the epoch's statistics) and the first request to stop.
 */
final class EpochEnd {

  /** A listener's request to end training after this epoch. */
  record Stop(Status status, String reason, String logLine) {}

  private final int epoch;
  private final long seen;
  private final double lossSum;
  private final long correct;
  private final double seconds;
  private final double dataWait;
  private final double learningRate;
  private Evaluation.Result evaluation;
  private EpochStats stats;
  private Stop stop;

  EpochEnd(
      int epoch,
      long seen,
      double lossSum,
      long correct,
      double seconds,
      double dataWait,
      double learningRate) {
    this.epoch = epoch;
    this.seen = seen;
    this.lossSum = lossSum;
    this.correct = correct;
    this.seconds = seconds;
    this.dataWait = dataWait;
    this.learningRate = learningRate;
  }

  /** Zero-based epoch. */
  int epoch() {
    return epoch;
  }

  /** The learning rate at the end of the epoch. */
  double learningRate() {
    return learningRate;
  }

  /** The evaluation, or null when there is no evaluation data (or it has not run yet). */
  Evaluation.Result evaluation() {
    return evaluation;
  }

  void evaluation(Evaluation.Result result) {
    this.evaluation = result;
  }

  /** The epoch's statistics, from what the loop measured and the evaluation. */
  EpochStats toStats() {
    if (stats == null) {
      stats =
          new EpochStats(
              epoch + 1,
              seen == 0 ? Double.NaN : lossSum / seen,
              seen == 0 ? Double.NaN : correct / (double) seen,
              evaluation == null ? Double.NaN : evaluation.loss(),
              evaluation == null ? Double.NaN : evaluation.accuracy(),
              seconds,
              seen / seconds,
              dataWait,
              seconds - dataWait,
              learningRate);
    }
    return stats;
  }

  /** Asks to stop after this epoch; the first request wins. */
  void requestStop(Status status, String reason, String logLine) {
    if (stop == null) {
      stop = new Stop(status, reason, logLine);
    }
  }

  Optional<Stop> stop() {
    return Optional.ofNullable(stop);
  }
}
