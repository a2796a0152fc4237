package io.classroomml.training.loop;

import io.classroomml.training.TrainingResult.Status;

/**
 * Early stopping on validation accuracy: keeps the best and the epochs since it in {@link History}
 * (so a resumed job counts on), and stops after {@code patience} epochs without a better one.
 */
final class EarlyStoppingListener implements TrainingListener {

  private final History history;
  private final int patience;

  /** {@code patience} 0 keeps the bookkeeping (checkpoints carry it) and never stops. */
  EarlyStoppingListener(History history, int patience) {
    this.history = history;
    this.patience = patience;
  }

  @Override
  public void onEpoch(EpochEnd epoch) {
    if (epoch.evaluation() != null) {
      history.evaluated(epoch.evaluation().accuracy());
    }
    if (patience > 0 && history.epochsWithoutImprovement() >= patience) {
      String reason =
          "early stopping: no better validation accuracy than "
              + history.bestAccuracy()
              + " for "
              + history.epochsWithoutImprovement()
              + " epochs";
      epoch.requestStop(Status.STOPPED_EARLY, reason, reason);
    }
  }
}
