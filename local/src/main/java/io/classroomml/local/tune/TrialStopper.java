package io.classroomml.local.tune;

import io.classroomml.contract.tuning.EarlyStoppingType;
import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import java.util.Optional;

/** Decides, each time a trial reports its objective, whether the trial should stop now. */
public interface TrialStopper {

  /**
   * Records the objective of {@code trial} after {@code epoch} (1-based) and says whether to stop
   * it. {@code score} is oriented so that larger is better.
   *
   * @return the reason to stop, or empty to continue
   */
  Optional<String> report(String trial, int epoch, double score);

  /** Never stops a trial ({@code TrainingJobEarlyStoppingType: Off}). */
  TrialStopper NEVER = (trial, epoch, score) -> Optional.empty();

  /**
   * Median stopping for {@code Auto} early stopping, successive halving for Hyperband, else none.
   *
   * @param epochs the trials' epoch count (no trial is stopped after its last epoch)
   */
  static TrialStopper of(TuningSpec spec, int epochs) {
    if (spec.strategy() == Strategy.HYPERBAND) {
      int min = spec.hyperband().minResource().orElse(1);
      int max = spec.hyperband().maxResource().orElse(epochs);
      return new SuccessiveHalving(min, max, SuccessiveHalving.ETA);
    }
    return spec.earlyStopping() == EarlyStoppingType.AUTO ? new MedianStopping(epochs) : NEVER;
  }
}
