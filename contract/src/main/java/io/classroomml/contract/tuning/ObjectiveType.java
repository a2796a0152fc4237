package io.classroomml.contract.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether the tuner looks for the largest or the smallest objective value; the one place that knows
 * which of two values is better, so every ranking of trials (the local tuner's best job, the
 * leaderboards) agrees with SageMaker's.
 */
public enum ObjectiveType {
  /** Larger is better (accuracy). */
  MAXIMIZE("Maximize"),
  /** Smaller is better (loss). */
  MINIMIZE("Minimize");

  private final String apiName;

  ObjectiveType(String apiName) {
    this.apiName = apiName;
  }

  /** The value SageMaker's API uses. */
  public String apiName() {
    return apiName;
  }

  /** Whether {@code candidate} is better than {@code best} under this objective. */
  public boolean isBetter(double candidate, double best) {
    return this == MAXIMIZE ? candidate > best : candidate < best;
  }

  /** Orders values best first, by {@link #isBetter}. */
  public Comparator<Double> bestFirst() {
    return (a, b) -> isBetter(a, b) ? -1 : isBetter(b, a) ? 1 : 0;
  }

  /** {@code value} as a score where larger is always better (the search strategies maximise). */
  public double score(double value) {
    return this == MAXIMIZE ? value : -value;
  }

  /**
   * {@code items} with a finite objective, best first (ties keep their order), then the others in
   * their order.
   *
   * @param objective an item's objective value; NaN when it has none or may not be ranked
   */
  public <T> List<T> rank(List<T> items, ToDoubleFunction<T> objective) {
    Comparator<Double> order = bestFirst();
    List<T> ranked =
        items.stream()
            .filter(t -> Double.isFinite(objective.applyAsDouble(t)))
            .sorted((a, b) -> order.compare(objective.applyAsDouble(a), objective.applyAsDouble(b)))
            .toList();
    List<T> all = new ArrayList<>(ranked);
    items.stream().filter(t -> !Double.isFinite(objective.applyAsDouble(t))).forEach(all::add);
    return all;
  }
}
