package io.classroomml.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * airbench's Lookahead-style weight averaging: every {@value #EVERY} steps the average moves toward
 * the weights by {@code 1 − α} and the weights are reset to the average, with {@code α = 0.95^5 ·
 * progress³} (little averaging early, strong late). The job finishes on the average.
 */
final class WeightAverage implements AutoCloseable {

  static final int EVERY = 5;
  private static final double BASE_DECAY = Math.pow(0.95, EVERY);

  private final Map<String, NDArray> weights;
  private final Map<String, NDArray> average = new LinkedHashMap<>();

  WeightAverage(Map<String, NDArray> weights) {
    this.weights = weights;
    weights.forEach((name, w) -> average.put(name, w.duplicate()));
  }

  /** Called after optimiser step {@code step} (zero-based) of {@code total}. */
  void afterStep(long step, long total) {
    if ((step + 1) % EVERY != 0) {
      return;
    }
    double progress = (step + 1) / (double) total;
    float alpha = (float) (BASE_DECAY * progress * progress * progress);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      weights.forEach(
          (name, w) -> {
            NDArray avg = average.get(name);
            avg.muli(alpha).addi(w.mul(1 - alpha));
            assign(w, avg);
          });
    }
  }

  /** Sets the weights to the average (end of training). */
  void apply() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      weights.forEach((name, w) -> assign(w, average.get(name)));
    }
  }

  /** {@code target ← value} on the device, keeping {@code target}'s tensor (and its gradient). */
  static void assign(NDArray target, NDArray value) {
    target.subi(target.sub(value));
  }

  /** The averages, named like the parameters, for a checkpoint. */
  NDList export() {
    NDList out = new NDList();
    average.forEach(
        (name, a) -> {
          NDArray copy = a.duplicate();
          copy.setName(name);
          out.add(copy);
        });
    return out;
  }

  /** Restores averages saved by {@link #export}. */
  void restore(NDList saved) {
    for (NDArray a : saved) {
      NDArray target = average.get(a.getName());
      if (target != null && target.getShape().equals(a.getShape())) {
        target.set(a.toByteBuffer());
      }
    }
  }

  @Override
  public void close() {
    average.values().forEach(NDArray::close);
  }
}
