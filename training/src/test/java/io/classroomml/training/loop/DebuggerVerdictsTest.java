package io.classroomml.training.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.reports.EpochStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebuggerVerdictsTest {

  private static EpochStats epoch(int n, double trainLoss, double validationLoss) {
    return new EpochStats(n, trainLoss, 0.5, validationLoss, 0.5, 1, 100, 0, 1, 0.1);
  }

  private static List<EpochStats> losses(double[] train, double[] validation) {
    List<EpochStats> out = new ArrayList<>();
    for (int i = 0; i < train.length; i++) {
      out.add(epoch(i + 1, train[i], validation[i]));
    }
    return out;
  }

  @Test
  void aNonFiniteLossIsFatalAndSaysToLowerTheLearningRate() {
    var verdict = DebuggerVerdicts.check(List.of(epoch(1, Double.NaN, 1)), 0.5).orElseThrow();

    assertThat(verdict.rule()).isEqualTo("LossNotFinite");
    assertThat(verdict.fatal()).isTrue();
    assertThat(verdict.reason()).contains("NaN").contains("lower learning_rate (now 0.500000)");
  }

  @Test
  void aLossThatDoesNotFallInFourEpochsIsFatal() {
    var verdict =
        DebuggerVerdicts.check(
                losses(new double[] {2.3, 2.31, 2.3, 2.29}, new double[] {2, 2, 2, 2}), 1)
            .orElseThrow();

    assertThat(verdict.rule()).isEqualTo("LossNotDecreasing");
    assertThat(verdict.fatal()).isTrue();
  }

  @Test
  void risingValidationLossWithFallingTrainingLossStopsEarly() {
    var verdict =
        DebuggerVerdicts.check(
                losses(new double[] {2.0, 1.5, 1.0, 0.5}, new double[] {1.0, 1.1, 1.2, 1.3}), 1)
            .orElseThrow();

    assertThat(verdict.rule()).isEqualTo("Overfit");
    assertThat(verdict.fatal()).isFalse();
  }

  @Test
  void healthyTrainingTriggersNothing() {
    assertThat(
            DebuggerVerdicts.check(
                losses(new double[] {2.0, 1.5, 1.0, 0.8}, new double[] {1.9, 1.4, 1.1, 1.0}), 1))
        .isEmpty();
  }
}
