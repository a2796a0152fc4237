package io.classroomml.training.loop;

import io.classroomml.reports.EpochStats;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Built-in versions of SageMaker Debugger's rules, checked after every epoch: a non-finite loss and
 * a loss that does not decrease end the job as failed; overfitting ends it early with the model it
 * has.
 */
final class DebuggerRules {

  /** Epochs after which the training loss must have fallen below its first value. */
  static final int LOSS_NOT_DECREASING_EPOCHS = 3;

  /** The fall that counts as decreasing: 1 % of the first epoch's loss. */
  static final double MIN_RELATIVE_DECREASE = 0.01;

  /** Consecutive epochs of rising validation loss with falling training loss. */
  static final int OVERFIT_EPOCHS = 3;

  private DebuggerRules() {}

  /** What a rule decided. */
  record Verdict(String rule, String reason, boolean fatal) {}

  /** The verdict for a non-finite loss at a step (checked on every step). */
  static Verdict lossNotFinite(int epoch, int step, double loss, double learningRate) {
    return new Verdict(
        "LossNotFinite",
        String.format(
            Locale.ROOT,
            "training loss became %s in epoch %d, step %d; lower learning_rate (now %g), or check"
                + " the data for corrupt images",
            loss,
            epoch,
            step,
            learningRate),
        true);
  }

  static Optional<Verdict> check(List<EpochStats> epochs, double learningRate) {
    EpochStats last = epochs.get(epochs.size() - 1);
    if (!Double.isFinite(last.trainLoss())) {
      return Optional.of(lossNotFinite(last.epoch(), -1, last.trainLoss(), learningRate));
    }
    if (epochs.size() >= LOSS_NOT_DECREASING_EPOCHS + 1) {
      double first = epochs.get(0).trainLoss();
      double best = epochs.stream().mapToDouble(EpochStats::trainLoss).min().orElse(first);
      if (best > first * (1 - MIN_RELATIVE_DECREASE)) {
        return Optional.of(
            new Verdict(
                "LossNotDecreasing",
                String.format(
                    Locale.ROOT,
                    "training loss has not decreased in %d epochs (first %.4f, best %.4f); try a"
                        + " smaller learning_rate (now %g), or check that labels match images",
                    epochs.size(),
                    first,
                    best,
                    learningRate),
                true));
      }
    }
    if (epochs.size() > OVERFIT_EPOCHS) {
      boolean overfitting = true;
      for (int i = epochs.size() - OVERFIT_EPOCHS; i < epochs.size(); i++) {
        EpochStats prev = epochs.get(i - 1);
        EpochStats cur = epochs.get(i);
        overfitting &=
            cur.validationLoss() > prev.validationLoss() && cur.trainLoss() < prev.trainLoss();
      }
      if (overfitting) {
        return Optional.of(
            new Verdict(
                "Overfit",
                String.format(
                    Locale.ROOT,
                    "validation loss rose for %d epochs while training loss fell (%.4f → %.4f);"
                        + " stopped early. Use more augmentation, dropout or weight_decay",
                    OVERFIT_EPOCHS,
                    epochs.get(epochs.size() - OVERFIT_EPOCHS - 1).validationLoss(),
                    last.validationLoss()),
                false));
      }
    }
    return Optional.empty();
  }
}
