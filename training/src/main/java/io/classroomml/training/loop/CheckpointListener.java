package io.classroomml.training.loop;

import ai.djl.Model;
import io.classroomml.training.optim.ScheduledOptimizer;
import java.io.IOException;
import java.util.Optional;

/**
 * Saves a checkpoint after every epoch and when SIGTERM arrives mid-epoch, so that a restarted job
 * resumes exactly (weights, optimiser state, averaged weights and {@link History}).
 */
final class CheckpointListener implements TrainingListener {

  private final Checkpoints checkpoints;
  private final Model model;
  private final ScheduledOptimizer optimizer;
  private final Optional<WeightAverage> average;
  private final History history;
  private double seconds;

  CheckpointListener(
      Checkpoints checkpoints,
      Model model,
      ScheduledOptimizer optimizer,
      Optional<WeightAverage> average,
      History history) {
    this.checkpoints = checkpoints;
    this.model = model;
    this.optimizer = optimizer;
    this.average = average;
    this.history = history;
  }

  @Override
  public void onEpoch(EpochEnd epoch) throws IOException {
    save(epoch.epoch() + 1, 0);
  }

  @Override
  public void onInterrupt(int epoch, int step) throws IOException {
    save(epoch, step);
  }

  /** Time spent writing checkpoints, for the profile. */
  double seconds() {
    return seconds;
  }

  private void save(int nextEpoch, int nextStep) throws IOException {
    long start = System.nanoTime();
    checkpoints.save(
        history.snapshot(nextEpoch, nextStep),
        model,
        optimizer.exportState(),
        average.map(WeightAverage::export));
    seconds += (System.nanoTime() - start) / 1e9;
  }
}
