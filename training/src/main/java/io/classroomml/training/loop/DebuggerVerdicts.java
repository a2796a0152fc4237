package io.classroomml.training.loop;

import io.classroomml.contract.rules.DebuggerRules;
import io.classroomml.contract.rules.DebuggerRules.Stall;
import io.classroomml.contract.rules.DebuggerRules.Streak;
import io.classroomml.reports.EpochStats;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the trainer does with the contract's training rules ({@link DebuggerRules}, after SageMaker
 * Debugger's), checked after every epoch: a non-finite loss and a loss that does not decrease end
 * the job as failed; overfitting ends it early with the model it has. The thresholds and predicates
 * are the contract's, so the training report's findings name the same events; the wording for the
 * failure file is here.
 */
final class DebuggerVerdicts {

  private DebuggerVerdicts() {}

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
    if (DebuggerRules.lossNotFinite(last.trainLoss())) {
      return Optional.of(lossNotFinite(last.epoch(), -1, last.trainLoss(), learningRate));
    }
    double[] trainLoss = epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
    Optional<Stall> stall = DebuggerRules.lossNotDecreasing(trainLoss);
    if (stall.isPresent()) {
      return Optional.of(
          new Verdict(
              "LossNotDecreasing",
              String.format(
                  Locale.ROOT,
                  "training loss has not decreased in %d epochs (first %.4f, best %.4f); try a"
                      + " smaller learning_rate (now %g), or check that labels match images",
                  epochs.size(),
                  stall.get().reference(),
                  Math.min(stall.get().reference(), stall.get().best()),
                  learningRate),
              true));
    }
    double[] validationLoss = epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
    Optional<Streak> overfit =
        DebuggerRules.overfitting(trainLoss, validationLoss, epochs.size() - 1);
    if (overfit.isPresent()) {
      return Optional.of(
          new Verdict(
              "Overfit",
              String.format(
                  Locale.ROOT,
                  "validation loss rose for %d epochs while training loss fell (%.4f → %.4f);"
                      + " stopped early. Use more augmentation, dropout or weight_decay",
                  overfit.get().length(),
                  epochs.get(overfit.get().start()).validationLoss(),
                  last.validationLoss()),
              false));
    }
    return Optional.empty();
  }
}
