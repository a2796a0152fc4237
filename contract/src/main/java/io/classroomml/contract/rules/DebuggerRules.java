package io.classroomml.contract.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * Thresholds and predicates of the training rules, over per-epoch values (index 0 is the first
 * epoch). The trainer checks them after every epoch: a non-finite loss and a loss that does not
 * decrease fail the job, overfitting stops it early with the model it has. The training report
 * names the same events as findings (and adds two it only reports: a plateau at the end of the run
 * and a growing accuracy gap). Each user words its own message; the decision is made here once.
 */
public final class DebuggerRules {

  /** Epochs after the first within which the training loss must fall, or the job fails. */
  public static final int LOSS_NOT_DECREASING_EPOCHS = 3;

  /** A fall counts when it is at least this share of the reference loss (1 %). */
  public static final double MIN_RELATIVE_DECREASE = 0.01;

  /** Consecutive epochs of rising validation loss with falling training loss: overfitting. */
  public static final int OVERFIT_EPOCHS = 3;

  /** Report only: epochs at the end of a run without a new best loss that count as a plateau. */
  public static final int PLATEAU_EPOCHS = 3;

  /** Report only: consecutive epochs of a growing train-minus-validation accuracy gap. */
  public static final int ACCURACY_GAP_EPOCHS = 2;

  /** Report only: the accuracy gap that counts as overfitting once it keeps growing. */
  public static final double MIN_ACCURACY_GAP = 0.10;

  private DebuggerRules() {}

  /**
   * A loss that did not fall far enough.
   *
   * @param referenceEpoch index of the epoch it had to fall below
   * @param reference the loss it had to fall below
   * @param best the lowest loss after {@code referenceEpoch}
   */
  public record Stall(int referenceEpoch, double reference, double best) {}

  /**
   * A run of consecutive epochs showing a pattern.
   *
   * @param start index of the epoch before the first that showed it (the last good one)
   * @param end index of the last epoch that showed it
   */
  public record Streak(int start, int end) {

    /** Epochs in the streak. */
    public int length() {
      return end - start;
    }
  }

  /** Whether a loss has diverged (NaN or infinite). */
  public static boolean lossNotFinite(double loss) {
    return !Double.isFinite(loss);
  }

  /**
   * Whether {@code value} is below {@code reference} by at least {@link #MIN_RELATIVE_DECREASE}.
   */
  public static boolean decreased(double reference, double value) {
    return value <= reference - Math.abs(reference) * MIN_RELATIVE_DECREASE;
  }

  /**
   * The training loss has not fallen below the first epoch's in {@link #LOSS_NOT_DECREASING_EPOCHS}
   * epochs or more after it. Empty for shorter runs and for runs with a non-finite loss (that is
   * {@link #lossNotFinite}'s case).
   */
  public static Optional<Stall> lossNotDecreasing(double[] trainLoss) {
    if (trainLoss.length <= LOSS_NOT_DECREASING_EPOCHS || !allFinite(trainLoss)) {
      return Optional.empty();
    }
    double first = trainLoss[0];
    double best = Arrays.stream(trainLoss, 1, trainLoss.length).min().orElseThrow();
    return decreased(first, best) ? Optional.empty() : Optional.of(new Stall(0, first, best));
  }

  /**
   * Report only: the last {@link #PLATEAU_EPOCHS} epochs found no loss below the best before them.
   * Empty for runs of {@code PLATEAU_EPOCHS + 1} epochs or fewer and with a non-finite loss.
   */
  public static Optional<Stall> lossPlateau(double[] trainLoss) {
    if (trainLoss.length <= PLATEAU_EPOCHS + 1 || !allFinite(trainLoss)) {
      return Optional.empty();
    }
    int split = trainLoss.length - PLATEAU_EPOCHS;
    int bestIndex = 0;
    for (int i = 1; i < split; i++) {
      if (trainLoss[i] < trainLoss[bestIndex]) {
        bestIndex = i;
      }
    }
    double bestBefore = trainLoss[bestIndex];
    double bestAfter = Arrays.stream(trainLoss, split, trainLoss.length).min().orElseThrow();
    return decreased(bestBefore, bestAfter)
        ? Optional.empty()
        : Optional.of(new Stall(bestIndex, bestBefore, bestAfter));
  }

  /**
   * Overfitting that ends at epoch {@code end}: for {@link #OVERFIT_EPOCHS} epochs or more in a row
   * up to it, the validation loss rose while the training loss fell. An epoch without a validation
   * loss (NaN) breaks the run.
   */
  public static Optional<Streak> overfitting(double[] trainLoss, double[] validationLoss, int end) {
    int length = 0;
    for (int i = end; i >= 1; i--) {
      boolean diverges =
          validationLoss[i] > validationLoss[i - 1] && trainLoss[i] < trainLoss[i - 1];
      if (!diverges) {
        break;
      }
      length++;
    }
    return length >= OVERFIT_EPOCHS ? Optional.of(new Streak(end - length, end)) : Optional.empty();
  }

  /**
   * Report only: the train-minus-validation accuracy gap grew for {@link #ACCURACY_GAP_EPOCHS}
   * epochs or more in a row up to epoch {@code end}, and is at least {@link #MIN_ACCURACY_GAP}
   * there.
   */
  public static Optional<Streak> accuracyGapGrowing(
      double[] trainAccuracy, double[] validationAccuracy, int end) {
    int length = 0;
    for (int i = end; i >= 1; i--) {
      double before = trainAccuracy[i - 1] - validationAccuracy[i - 1];
      double now = trainAccuracy[i] - validationAccuracy[i];
      if (!(now > before)) {
        break;
      }
      length++;
    }
    double gap = end < 0 ? Double.NaN : trainAccuracy[end] - validationAccuracy[end];
    return length >= ACCURACY_GAP_EPOCHS && gap >= MIN_ACCURACY_GAP
        ? Optional.of(new Streak(end - length, end))
        : Optional.empty();
  }

  private static boolean allFinite(double[] values) {
    return Arrays.stream(values).allMatch(Double::isFinite);
  }
}
