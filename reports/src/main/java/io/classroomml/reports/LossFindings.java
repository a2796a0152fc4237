package io.classroomml.reports;

import io.classroomml.contract.rules.DebuggerRules;
import io.classroomml.contract.rules.DebuggerRules.Stall;
import io.classroomml.contract.rules.DebuggerRules.Streak;
import java.util.List;
import java.util.Optional;

/**
 * The Debugger-like findings over the epochs' losses and accuracies: a loss that is not a number,
 * one that does not go down, and overfitting. Each decides with the contract's {@link
 * DebuggerRules}, the rules the trainer stops on, and only words the result.
 */
final class LossFindings {

  private LossFindings() {}

  static Optional<Finding> notFiniteLoss(List<EpochStats> epochs) {
    for (EpochStats e : epochs) {
      if (DebuggerRules.lossNotFinite(e.trainLoss()) && measured(e)) {
        return Optional.of(
            Finding.warning(
                Findings.LOSS_NOT_FINITE,
                "The training loss became "
                    + (Double.isNaN(e.trainLoss()) ? "NaN" : Format.number(e.trainLoss()))
                    + " at epoch "
                    + e.epoch()
                    + ": the weights diverged. Lower the learning rate (e.g. by 10x), add warm-up"
                    + " or gradient clipping, and check the input normalisation."));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the loss was measured: a NaN train loss next to a known train accuracy means the loss
   * diverged, not that it was unmeasured; an infinite one was always measured.
   */
  private static boolean measured(EpochStats e) {
    return Double.isInfinite(e.trainLoss()) || !Double.isNaN(e.trainAccuracy());
  }

  static Optional<Finding> lossNotDecreasing(List<EpochStats> epochs) {
    double[] loss = epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
    Optional<Stall> stall = DebuggerRules.lossNotDecreasing(loss);
    if (stall.isPresent()) {
      return Optional.of(
          Finding.warning(
              Findings.LOSS_NOT_DECREASING,
              "The training loss did not decrease: "
                  + Format.number(stall.get().reference())
                  + " at epoch "
                  + epochs.get(0).epoch()
                  + ", never below "
                  + Format.number(stall.get().best())
                  + " in the "
                  + (loss.length - 1)
                  + " epochs after. The learning rate is likely too high or too low, or the"
                  + " labels do not match the images; try a learning rate 10x smaller and"
                  + " larger, and check a few labelled examples."));
    }
    return DebuggerRules.lossPlateau(loss)
        .map(
            plateau ->
                Finding.warning(
                    Findings.LOSS_NOT_DECREASING,
                    "The training loss stopped decreasing: its best was "
                        + Format.number(plateau.reference())
                        + " at epoch "
                        + epochs.get(plateau.referenceEpoch()).epoch()
                        + " and the last "
                        + DebuggerRules.PLATEAU_EPOCHS
                        + " epochs got no lower than "
                        + Format.number(plateau.best())
                        + ". Decay the learning rate (a step or cosine schedule) or stop"
                        + " earlier."));
  }

  static Optional<Finding> overfitting(List<EpochStats> epochs) {
    double[] trainLoss = epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
    double[] validationLoss = epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
    double[] trainAccuracy = epochs.stream().mapToDouble(EpochStats::trainAccuracy).toArray();
    double[] validationAccuracy =
        epochs.stream().mapToDouble(EpochStats::validationAccuracy).toArray();
    for (int i = 1; i < epochs.size(); i++) {
      EpochStats now = epochs.get(i);
      Optional<Streak> losses = DebuggerRules.overfitting(trainLoss, validationLoss, i);
      if (losses.isPresent()) {
        EpochStats start = epochs.get(losses.get().start());
        return Optional.of(
            Finding.warning(
                Findings.OVERFITTING,
                "The model is overfitting: from epoch "
                    + start.epoch()
                    + " to "
                    + now.epoch()
                    + " the validation loss rose from "
                    + Format.number(start.validationLoss())
                    + " to "
                    + Format.number(now.validationLoss())
                    + " while the training loss fell from "
                    + Format.number(start.trainLoss())
                    + " to "
                    + Format.number(now.trainLoss())
                    + ". "
                    + remedy(start)));
      }
      Optional<Streak> gap = DebuggerRules.accuracyGapGrowing(trainAccuracy, validationAccuracy, i);
      if (gap.isPresent()) {
        EpochStats start = epochs.get(gap.get().start());
        return Optional.of(
            Finding.warning(
                Findings.OVERFITTING,
                "The model is overfitting: the gap between training and validation accuracy"
                    + " grew from "
                    + Format.percent(gapBefore(start))
                    + " at epoch "
                    + start.epoch()
                    + " to "
                    + Format.percent(gapBefore(now))
                    + " at epoch "
                    + now.epoch()
                    + " (training "
                    + Format.percent(now.trainAccuracy())
                    + ", validation "
                    + Format.percent(now.validationAccuracy())
                    + "). "
                    + remedy(start)));
      }
    }
    return Optional.empty();
  }

  private static double gapBefore(EpochStats e) {
    return e.trainAccuracy() - e.validationAccuracy();
  }

  private static String remedy(EpochStats lastGood) {
    return "Stop around epoch "
        + lastGood.epoch()
        + " (early stopping), or add augmentation, weight decay or dropout.";
  }
}
