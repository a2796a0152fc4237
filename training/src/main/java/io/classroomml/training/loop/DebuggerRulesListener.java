package io.classroomml.training.loop;

import io.classroomml.training.TrainingResult.Status;
import io.classroomml.training.optim.ScheduledOptimizer;
import java.util.Optional;

/**
 * Applies the debugger rules ({@link DebuggerVerdicts}): a non-finite step loss fails the job at
 * once (every later step would be NaN too); after each epoch a fatal verdict fails it and a
 * non-fatal one (overfitting) stops it once the epoch's checkpoint is saved.
 */
final class DebuggerRulesListener implements TrainingListener {

  private final ScheduledOptimizer optimizer;
  private final History history;

  DebuggerRulesListener(ScheduledOptimizer optimizer, History history) {
    this.optimizer = optimizer;
    this.history = history;
  }

  @Override
  public void onStep(StepEnd step) {
    if (!Float.isFinite(step.loss())) {
      DebuggerVerdicts.Verdict v =
          DebuggerVerdicts.lossNotFinite(
              step.epoch() + 1, step.step(), step.loss(), optimizer.learningRate());
      throw new RuleViolation(v.rule(), v.reason());
    }
  }

  @Override
  public void onEpoch(EpochEnd epoch) {
    Optional<DebuggerVerdicts.Verdict> verdict =
        DebuggerVerdicts.check(history.epochs(), epoch.learningRate());
    if (verdict.isEmpty()) {
      return;
    }
    if (verdict.get().fatal()) {
      throw new RuleViolation(verdict.get().rule(), verdict.get().reason());
    }
    String reason = verdict.get().rule() + ": " + verdict.get().reason();
    epoch.requestStop(Status.STOPPED_EARLY, reason, "debugger rule " + reason);
  }
}
