package io.classroomml.training.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.reports.EpochStats;
import io.classroomml.training.TrainingResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The epoch-end listeners without a network: bookkeeping, stop requests and their precedence. */
class EpochListenersTest {

  private static History fresh() {
    return new History(new Checkpoints.State(0, 0, 0, List.of(), -1, 0, "smallcnn", List.of()));
  }

  private static EpochEnd evaluated(int epoch, double accuracy) {
    EpochEnd end = new EpochEnd(epoch, 10, 10, 5, 1, 0, 0.1);
    end.evaluation(new Evaluation.Result(1, accuracy, null));
    return end;
  }

  private static EpochStats stats(int n, double trainLoss, double validationLoss) {
    return new EpochStats(n, trainLoss, 0.5, validationLoss, 0.5, 1, 100, 0, 1, 0.1);
  }

  @Test
  void earlyStopping_stopsAfterPatienceEpochsWithoutABetterAccuracy() {
    History history = fresh();
    EarlyStoppingListener listener = new EarlyStoppingListener(history, 2);
    EpochEnd first = evaluated(0, 0.5);
    EpochEnd second = evaluated(1, 0.4);
    EpochEnd third = evaluated(2, 0.45);

    listener.onEpoch(first);
    listener.onEpoch(second);
    listener.onEpoch(third);

    assertThat(first.stop()).isEmpty();
    assertThat(second.stop()).isEmpty();
    assertThat(third.stop())
        .get()
        .extracting(EpochEnd.Stop::status, EpochEnd.Stop::reason)
        .containsExactly(
            Status.STOPPED_EARLY,
            "early stopping: no better validation accuracy than 0.5 for 2 epochs");
    assertThat(history.snapshot(3, 0).epochsWithoutImprovement()).isEqualTo(2);
  }

  @Test
  void earlyStoppingOff_stillKeepsTheBestForCheckpoints() {
    History history = fresh();
    EpochEnd end = evaluated(0, 0.7);

    new EarlyStoppingListener(history, 0).onEpoch(end);

    assertThat(end.stop()).isEmpty();
    assertThat(history.bestAccuracy()).isEqualTo(0.7);
  }

  @Test
  void overfitting_isTheReasonGivenWhenEarlyStoppingWouldStopToo() {
    History history = fresh();
    history.epochs().addAll(List.of(stats(1, 2.0, 1.0), stats(2, 1.5, 1.1), stats(3, 1.0, 1.2)));
    history.evaluated(0.9);
    history.epochs().add(stats(4, 0.5, 1.3));
    EpochEnd end = evaluated(3, 0.1);

    new DebuggerRulesListener(null, history).onEpoch(end);
    new EarlyStoppingListener(history, 1).onEpoch(end);

    assertThat(end.stop())
        .get()
        .extracting(EpochEnd.Stop::reason)
        .asString()
        .startsWith("Overfit:");
    assertThat(end.stop())
        .get()
        .extracting(EpochEnd.Stop::logLine)
        .asString()
        .startsWith("debugger rule Overfit:");
  }

  @Test
  void aLossThatDoesNotFall_failsTheJobFromTheListener() {
    History history = fresh();
    history
        .epochs()
        .addAll(List.of(stats(1, 2.3, 2), stats(2, 2.31, 2), stats(3, 2.3, 2), stats(4, 2.29, 2)));

    assertThatThrownBy(() -> new DebuggerRulesListener(null, history).onEpoch(evaluated(3, 0.1)))
        .isInstanceOf(RuleViolation.class)
        .hasMessageContaining("LossNotDecreasing");
  }

  @Test
  void theEpochsStatisticsComeFromWhatTheLoopMeasuredAndTheEvaluation() {
    EpochEnd end = new EpochEnd(2, 100, 50, 80, 4, 1, 0.01);
    end.evaluation(new Evaluation.Result(0.7, 0.75, null));

    EpochStats stats = end.toStats();

    assertThat(stats.epoch()).isEqualTo(3);
    assertThat(stats.trainLoss()).isEqualTo(0.5);
    assertThat(stats.trainAccuracy()).isEqualTo(0.8);
    assertThat(stats.validationAccuracy()).isEqualTo(0.75);
    assertThat(stats.imagesPerSecond()).isEqualTo(25);
  }

  private static void step(StepCurveListener listener, History history, int epoch, int step) {
    // Loss 1.0 and 3 of 4 right on even global steps, loss 2.0 and 1 of 4 on odd ones.
    boolean even = history.globalStep() % 2 == 0;
    listener.onStep(
        new TrainingListener.StepEnd(
            epoch, step, 10, history.globalStep(), even ? 1f : 2f, 0, even ? 3 : 1, 4));
    history.stepTaken();
  }

  @Test
  void stepCurve_averagesWindowsOfStepsInFractionalEpochs() {
    History history = fresh();
    StepCurveListener listener = new StepCurveListener(history, 20);

    for (int epoch = 0; epoch < 2; epoch++) {
      for (int step = 0; step < 10; step++) {
        step(listener, history, epoch, step);
      }
    }

    assertThat(listener.stepsPerWindow()).isEqualTo(1);
    assertThat(history.steps()).hasSize(20);
    assertThat(history.steps().get(0))
        .isEqualTo(new io.classroomml.reports.StepStats(1, 0.1, 1.0, 0.75));
    assertThat(history.steps().get(19).epoch()).isEqualTo(2.0);
    assertThat(history.snapshot(2, 0).steps()).hasSize(20);
  }

  @Test
  void stepCurve_staysBoundedOnLongRuns() {
    History history = fresh();
    long total = 10L * StepCurveListener.MAX_POINTS - 3;
    StepCurveListener listener = new StepCurveListener(history, total);

    for (long g = 0; g < total; g++) {
      step(listener, history, (int) (g / 10), (int) (g % 10));
    }

    assertThat(history.steps()).hasSizeLessThanOrEqualTo(StepCurveListener.MAX_POINTS);
    assertThat(history.steps()).hasSizeGreaterThan(StepCurveListener.MAX_POINTS - 10);
    // Each point averages an even number of steps: half at loss 1, half at loss 2.
    assertThat(history.steps().get(0).trainLoss()).isEqualTo(1.5);
    assertThat(history.steps().get(0).trainAccuracy()).isEqualTo(0.5);
  }
}
