package io.classroomml.training.loop;

import java.io.IOException;

/**
 * Something that follows the training loop, in the shape of DJL's {@code TrainingListener}: the
 * {@link EpochLoop} runs the steps and calls each listener, in list order, at each event, so that
 * checkpoints, debugger rules, early stopping, evaluation, metrics, weight averaging and progress
 * each live in one small class and the loop stays a loop. Order matters where one listener reads
 * what another wrote ({@link TrainingLoop} builds the list).
 */
interface TrainingListener {

  /** Before the first step of zero-based {@code epoch}. */
  default void beforeEpoch(int epoch) {}

  /** After each optimiser step; may throw {@link RuleViolation} to fail the job. */
  default void onStep(StepEnd step) {}

  /** After the last step of an epoch, before its time is taken. */
  default void afterSteps(int epoch) {}

  /** After each epoch; may fill {@code epoch} in, ask to stop, or throw to fail the job. */
  default void onEpoch(EpochEnd epoch) throws IOException {}

  /** When SIGTERM arrives before zero-based {@code step} of {@code epoch}. */
  default void onInterrupt(int epoch, int step) throws IOException {}

  /** After the loop ends without an error (completed, stopped early or interrupted). */
  default void onTrainingEnd(boolean completed) {}

  /**
   * One optimiser step.
   *
   * @param epoch zero-based epoch
   * @param step zero-based step of the epoch
   * @param steps steps per epoch
   * @param globalStep optimiser steps taken before this one
   * @param loss this step's mean loss
   * @param epochLoss the epoch's mean loss so far
   * @param correct this step's correct predictions
   * @param images this step's images
   */
  record StepEnd(
      int epoch,
      int step,
      int steps,
      long globalStep,
      float loss,
      double epochLoss,
      long correct,
      int images) {}
}
