package io.classroomml.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class OptimizerTest {

  /** Loss ½·Σw², so the gradient is w itself. */
  private static float[] twoSteps(ScheduledOptimizer optimizer) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, -2f});
      w.setRequiresGradient(true);
      for (int step = 0; step < 2; step++) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(w.square().sum().mul(0.5f));
        }
        optimizer.setStep(step);
        optimizer.update("w", w, w.getGradient().duplicate());
      }
      return w.toFloatArray();
    }
  }

  @Test
  void nesterovFollowsPyTorchsFormulaAndClearsGradientsBetweenSteps() {
    LearningRateSchedule lr = new LearningRateSchedule(0.1, "constant", 0, 10);

    float[] w = twoSteps(new MomentumSgd(lr, 0.9f, true, 0f));

    // Step 1: v = g = w0; w1 = w0 - 0.1(g + 0.9v) = 0.81 w0.
    // Step 2: g = w1; v = 0.9 w0 + w1; w2 = w1 - 0.1(w1 + 0.9v) = [0.5751, -1.1502].
    assertThat(w[0]).isCloseTo(0.5751f, within(1e-5f));
    assertThat(w[1]).isCloseTo(-1.1502f, within(1e-5f));
  }

  @Test
  void heavyBallMomentumStepsByTheBuffer() {
    LearningRateSchedule lr = new LearningRateSchedule(0.1, "constant", 0, 10);

    float[] w = twoSteps(new MomentumSgd(lr, 0.9f, false, 0f));

    // w1 = 0.9 w0; v2 = 0.9 w0 + 0.9 w0 = 1.8 w0; w2 = 0.9 w0 - 0.18 w0 = 0.72 w0.
    assertThat(w[0]).isCloseTo(0.72f, within(1e-5f));
    assertThat(w[1]).isCloseTo(-1.44f, within(1e-5f));
  }

  @Test
  void weightDecayPullsTowardsZero() {
    LearningRateSchedule lr = new LearningRateSchedule(0.1, "constant", 0, 10);

    float[] w = twoSteps(new MomentumSgd(lr, 0f, false, 1f));

    // g = w + w = 2w: each step multiplies by 0.8.
    assertThat(w[0]).isCloseTo(0.64f, within(1e-5f));
  }

  @Test
  void adamFirstStepMovesEachWeightByTheLearningRate() {
    LearningRateSchedule lr = new LearningRateSchedule(0.01, "constant", 0, 10);
    AdamOptimizer adam = new AdamOptimizer(lr, 0.9f, false, 0f);

    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, -2f});
      w.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(w.square().sum().mul(0.5f));
      }
      adam.update("w", w, w.getGradient().duplicate());

      assertThat(w.toFloatArray()[0]).isCloseTo(0.99f, within(1e-5f));
      assertThat(w.toFloatArray()[1]).isCloseTo(-1.99f, within(1e-5f));
      assertThat(w.getGradient().abs().sum().getFloat()).isZero();
    }
  }

  @Test
  void stateSurvivesExportAndImport() {
    LearningRateSchedule lr = new LearningRateSchedule(0.1, "constant", 0, 10);
    MomentumSgd first = new MomentumSgd(lr, 0.9f, true, 0f);
    first.nameParameter("w", "layer_weight");
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, -2f});
      w.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(w.square().sum().mul(0.5f));
      }
      first.update("w", w, w.getGradient().duplicate());
      NDList exported = first.exportState();

      MomentumSgd second = new MomentumSgd(lr, 0.9f, true, 0f);
      second.nameParameter("w2", "layer_weight");
      second.importState(exported, java.util.Map.of("layer_weight", w));

      assertThat(second.exportState().get(0).toFloatArray()).containsExactly(1f, -2f);
    }
  }
}
