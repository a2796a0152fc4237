package io.classroomml.training.loop;

import ai.djl.training.Trainer;
import io.classroomml.models.InputNormalizer;
import io.classroomml.training.StopSignal;
import io.classroomml.training.TrainingResult.Status;
import io.classroomml.training.data.BatchSource;
import io.classroomml.training.data.HostBatch;
import io.classroomml.training.optim.ScheduledOptimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The epochs and steps of a run, shaped like DJL's {@code EasyTrain.fit}: take a batch, run one
 * optimiser step, tell the {@link TrainingListener}s; at the end of each epoch tell them again and
 * stop when one asks to. Everything else (checkpoints, rules, evaluation, metrics) is a listener.
 */
final class EpochLoop {

  /**
   * How the loop ended.
   *
   * @param status completed, stopped early or interrupted
   * @param reason why it stopped; empty when it completed
   * @param dataWaitSeconds time spent waiting for batches
   * @param computeSeconds time spent in steps
   */
  record Outcome(Status status, String reason, double dataWaitSeconds, double computeSeconds) {}

  private final Trainer trainer;
  private final InputNormalizer normalizer;
  private final ScheduledOptimizer optimizer;
  private final History history;
  private final List<TrainingListener> listeners;
  private final StopSignal stop;
  private final PrintStream log;

  EpochLoop(
      Trainer trainer,
      InputNormalizer normalizer,
      ScheduledOptimizer optimizer,
      History history,
      List<TrainingListener> listeners,
      StopSignal stop,
      PrintStream log) {
    this.trainer = trainer;
    this.normalizer = normalizer;
    this.optimizer = optimizer;
    this.history = history;
    this.listeners = List.copyOf(listeners);
    this.stop = stop;
    this.log = log;
  }

  /**
   * Runs epochs {@code firstEpoch} (from step {@code firstStep}) to {@code epochs - 1}.
   *
   * @param steps steps per epoch
   */
  Outcome run(BatchSource source, int firstEpoch, int firstStep, int epochs, int steps)
      throws IOException {
    double dataWaitTotal = 0;
    double computeTotal = 0;
    for (int epoch = firstEpoch; epoch < epochs; epoch++) {
      for (TrainingListener l : listeners) {
        l.beforeEpoch(epoch);
      }
      long epochStart = System.nanoTime();
      double dataWait = 0;
      double lossSum = 0;
      long correct = 0;
      long seen = 0;
      for (int step = epoch == firstEpoch ? firstStep : 0; step < steps; step++) {
        if (stop.requested()) {
          for (TrainingListener l : listeners) {
            l.onInterrupt(epoch, step);
          }
          String reason =
              "SIGTERM at epoch " + (epoch + 1) + ", step " + step + "; checkpoint saved";
          log.println("stop requested: " + reason);
          return new Outcome(Status.INTERRUPTED, reason, dataWaitTotal, computeTotal);
        }
        long waitStart = System.nanoTime();
        HostBatch batch = next(source);
        dataWait += seconds(waitStart);
        optimizer.setStep(history.globalStep());
        float[] result =
            TrainStep.run(trainer, normalizer, batch.pixels(), batch.labels(), batch.count());
        source.release(batch);
        lossSum += result[0] * batch.count();
        correct += (long) result[1];
        seen += batch.count();
        TrainingListener.StepEnd end =
            new TrainingListener.StepEnd(
                epoch,
                step,
                steps,
                history.globalStep(),
                result[0],
                lossSum / seen,
                (long) result[1],
                batch.count());
        for (TrainingListener l : listeners) {
          l.onStep(end);
        }
        history.stepTaken();
      }
      for (TrainingListener l : listeners) {
        l.afterSteps(epoch);
      }
      double epochSeconds = seconds(epochStart);
      dataWaitTotal += dataWait;
      computeTotal += epochSeconds - dataWait;
      EpochEnd end =
          new EpochEnd(
              epoch, seen, lossSum, correct, epochSeconds, dataWait, optimizer.learningRate());
      for (TrainingListener l : listeners) {
        l.onEpoch(end);
      }
      if (end.stop().isPresent()) {
        EpochEnd.Stop s = end.stop().get();
        log.println(s.logLine());
        return new Outcome(s.status(), s.reason(), dataWaitTotal, computeTotal);
      }
    }
    return new Outcome(Status.COMPLETED, "", dataWaitTotal, computeTotal);
  }

  private static HostBatch next(BatchSource source) throws IOException {
    try {
      return source.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for data", e);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
