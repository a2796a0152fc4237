package io.classroomml.local.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SageMaker's {@code Auto} early stopping: after each epoch, a trial's objective is compared with
 * the median of the other trials' running averages (mean objective up to that epoch); a trial below
 * it stops. At least {@link #MIN_PEERS} other trials must have reached that epoch, and no trial is
 * stopped after its last epoch, where stopping would save nothing.
 */
public final class MedianStopping implements TrialStopper {

  /** Trials needed at an epoch before the rule compares. */
  static final int MIN_PEERS = 2;

  private final int lastEpoch;
  private final Map<String, List<Double>> history = new HashMap<>();

  /** Stops no trial at or after {@code lastEpoch}. */
  public MedianStopping(int lastEpoch) {
    this.lastEpoch = lastEpoch;
  }

  @Override
  public synchronized Optional<String> report(String trial, int epoch, double score) {
    List<Double> own = history.computeIfAbsent(trial, k -> new ArrayList<>());
    while (own.size() < epoch - 1) {
      own.add(score); // a resumed or late reporter: keep the series aligned by epoch
    }
    if (own.size() >= epoch) {
      own.set(epoch - 1, score);
    } else {
      own.add(score);
    }
    if (epoch >= lastEpoch) {
      return Optional.empty();
    }
    List<Double> averages = new ArrayList<>();
    for (Map.Entry<String, List<Double>> e : history.entrySet()) {
      List<Double> values = e.getValue();
      if (!e.getKey().equals(trial) && values.size() >= epoch) {
        double sum = 0;
        for (int i = 0; i < epoch; i++) {
          sum += values.get(i);
        }
        averages.add(sum / epoch);
      }
    }
    if (averages.size() < MIN_PEERS) {
      return Optional.empty();
    }
    double median = median(averages);
    if (score < median) {
      return Optional.of(
          String.format(
              java.util.Locale.ROOT,
              "early stopping: objective %.4g at epoch %d is below the median %.4g of %d other"
                  + " trials' running averages",
              Math.abs(score),
              epoch,
              Math.abs(median),
              averages.size()));
    }
    return Optional.empty();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
