package io.classroomml.training.loop;

/** Draws the terminal progress bar ({@link Progress}) as steps finish. */
final class ProgressListener implements TrainingListener {

  private final Progress progress;
  private final int epochs;

  ProgressListener(Progress progress, int epochs) {
    this.progress = progress;
    this.epochs = epochs;
  }

  @Override
  public void onStep(StepEnd step) {
    progress.step(step.epoch() + 1, epochs, step.step() + 1, step.steps(), step.epochLoss());
  }

  @Override
  public void afterSteps(int epoch) {
    progress.done();
  }
}
