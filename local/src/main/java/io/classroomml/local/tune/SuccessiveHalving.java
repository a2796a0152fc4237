package io.classroomml.local.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperband's early stopping, asynchronously (as SageMaker runs it, trials do not wait for each
 * other): rungs at {@code min·η^k} epochs up to {@code max}; a trial reaching a rung continues only
 * if its objective is in the top {@code 1/η} of all objectives recorded at that rung so far. The
 * first {@code η} trials at a rung always continue (there is nothing to rank them against), and
 * every trial is given {@code max} epochs, so the survivors end there.
 */
public final class SuccessiveHalving implements TrialStopper {

  /** The reduction factor Hyperband's papers and SageMaker's description use. */
  public static final int ETA = 3;

  private final List<Integer> rungs = new ArrayList<>();
  private final int eta;
  private final int max;
  private final Map<Integer, List<Double>> recorded = new HashMap<>();

  /** Rungs from {@code min} to below {@code max} epochs, growing by {@code eta}. */
  public SuccessiveHalving(int min, int max, int eta) {
    this.eta = eta;
    this.max = max;
    for (long r = Math.max(1, min); r < max; r *= eta) {
      rungs.add((int) r);
    }
  }

  /** The epochs at which trials are compared. */
  public List<Integer> rungs() {
    return List.copyOf(rungs);
  }

  @Override
  public synchronized Optional<String> report(String trial, int epoch, double score) {
    if (epoch >= max || !rungs.contains(epoch)) {
      return Optional.empty();
    }
    List<Double> scores = recorded.computeIfAbsent(epoch, k -> new ArrayList<>());
    scores.add(score);
    if (scores.size() <= eta) {
      return Optional.empty();
    }
    List<Double> sorted = scores.stream().sorted(java.util.Comparator.reverseOrder()).toList();
    int keep = Math.max(1, sorted.size() / eta);
    double threshold = sorted.get(keep - 1);
    if (score < threshold) {
      return Optional.of(
          "Hyperband: not in the top 1/"
              + eta
              + " of "
              + sorted.size()
              + " trials at rung "
              + epoch
              + " epochs");
    }
    return Optional.empty();
  }
}
