package io.classroomml.training.loop;

/**
 * airbench's weight averaging: updates the average after every step and puts the averaged weights
 * in place before the last epoch's evaluation, or when training ends early, so the job finishes
 * (and is evaluated) on them.
 */
final class WeightAveragingListener implements TrainingListener {

  private final WeightAverage average;
  private final long totalSteps;
  private final int lastEpoch;

  WeightAveragingListener(WeightAverage average, long totalSteps, int epochs) {
    this.average = average;
    this.totalSteps = totalSteps;
    this.lastEpoch = epochs - 1;
  }

  @Override
  public void onStep(StepEnd step) {
    average.afterStep(step.globalStep(), totalSteps);
  }

  @Override
  public void onEpoch(EpochEnd epoch) {
    if (epoch.epoch() == lastEpoch) {
      average.apply();
    }
  }

  @Override
  public void onTrainingEnd(boolean completed) {
    if (!completed) {
      average.apply();
    }
    average.close();
  }
}
