package io.classroomml.training.loop;

import io.classroomml.reports.EpochStats;
import io.classroomml.reports.StepStats;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run has done so far and a checkpoint must keep: finished epochs, optimiser steps and the
 * early-stopping bookkeeping. Listeners share it; a checkpoint is a snapshot of it.
 */
final class History {

  private final List<EpochStats> epochs;
  private final List<StepStats> steps;
  private final String fingerprint;
  private long globalStep;
  private double bestAccuracy;
  private int epochsWithoutImprovement;

  /** Continues from {@code state} (a fresh run starts from an empty one). */
  History(Checkpoints.State state) {
    this.epochs = new ArrayList<>(state.epochs());
    // Checkpoints written before steps were recorded have none.
    this.steps = new ArrayList<>(state.steps() == null ? List.of() : state.steps());
    this.fingerprint = state.fingerprint();
    this.globalStep = state.globalStep();
    this.bestAccuracy = state.bestAccuracy();
    this.epochsWithoutImprovement = state.epochsWithoutImprovement();
  }

  List<EpochStats> epochs() {
    return epochs;
  }

  /** Training loss and accuracy within epochs ({@link StepCurveListener}). */
  List<StepStats> steps() {
    return steps;
  }

  long globalStep() {
    return globalStep;
  }

  void stepTaken() {
    globalStep++;
  }

  double bestAccuracy() {
    return bestAccuracy;
  }

  int epochsWithoutImprovement() {
    return epochsWithoutImprovement;
  }

  /** Records an epoch's validation accuracy for early stopping. */
  void evaluated(double accuracy) {
    if (accuracy > bestAccuracy) {
      bestAccuracy = accuracy;
      epochsWithoutImprovement = 0;
    } else {
      epochsWithoutImprovement++;
    }
  }

  /** The checkpoint state for a run that continues at {@code nextEpoch}, {@code nextStep}. */
  Checkpoints.State snapshot(int nextEpoch, int nextStep) {
    return new Checkpoints.State(
        nextEpoch,
        nextStep,
        globalStep,
        epochs,
        bestAccuracy,
        epochsWithoutImprovement,
        fingerprint,
        steps);
  }
}
