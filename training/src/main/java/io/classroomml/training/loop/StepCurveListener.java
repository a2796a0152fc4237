package io.classroomml.training.loop;

import io.classroomml.reports.StepStats;

/**
 * Records training loss and accuracy within epochs for the report's curves and {@code
 * metrics.json}: one point per {@code k} optimiser steps (the mean over their images), with {@code
 * k} chosen so that a run has at most {@value #MAX_POINTS} points however long it is. Windows are
 * aligned to the run's global step, so a resumed run continues the same grid.
 */
final class StepCurveListener implements TrainingListener {

  /** The most points a run records. */
  static final int MAX_POINTS = 500;

  private final History history;
  private final int stepsPerWindow;
  private double lossSum;
  private long correct;
  private long images;

  /**
   * @param totalSteps optimiser steps of the whole run
   */
  StepCurveListener(History history, long totalSteps) {
    this.history = history;
    this.stepsPerWindow = (int) Math.max(1, (totalSteps + MAX_POINTS - 1) / MAX_POINTS);
  }

  /** Steps averaged into one point. */
  int stepsPerWindow() {
    return stepsPerWindow;
  }

  @Override
  public void onStep(StepEnd step) {
    lossSum += (double) step.loss() * step.images();
    correct += step.correct();
    images += step.images();
    long done = step.globalStep() + 1;
    if (done % stepsPerWindow == 0 && images > 0) {
      history
          .steps()
          .add(
              new StepStats(
                  done, done / (double) step.steps(), lossSum / images, correct / (double) images));
      lossSum = 0;
      correct = 0;
      images = 0;
    }
  }
}
