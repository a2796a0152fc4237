package io.classroomml.contract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.rules.DebuggerRules.Stall;
import io.classroomml.contract.rules.DebuggerRules.Streak;
import org.junit.jupiter.api.Test;

class DebuggerRulesTest {

  @Test
  void nanAndInfinityAreNotFiniteLosses() {
    assertThat(DebuggerRules.lossNotFinite(Double.NaN)).isTrue();
    assertThat(DebuggerRules.lossNotFinite(Double.POSITIVE_INFINITY)).isTrue();
    assertThat(DebuggerRules.lossNotFinite(2.3)).isFalse();
  }

  @Test
  void aDecreaseIsOnePercentOfTheReferenceEvenForNegativeLosses() {
    assertThat(DebuggerRules.decreased(2.0, 1.98)).isTrue();
    assertThat(DebuggerRules.decreased(2.0, 1.99)).isFalse();
    assertThat(DebuggerRules.decreased(-2.0, -2.02)).isTrue();
    assertThat(DebuggerRules.decreased(-2.0, -2.01)).isFalse();
  }

  @Test
  void aLossThatDoesNotFallInThreeEpochsAfterTheFirst_isNotDecreasing() {
    assertThat(DebuggerRules.lossNotDecreasing(new double[] {2.3, 2.31, 2.3, 2.29}))
        .contains(new Stall(0, 2.3, 2.29));
  }

  @Test
  void threeEpochsAreTooFewToJudge() {
    assertThat(DebuggerRules.lossNotDecreasing(new double[] {2.3, 2.31, 2.3})).isEmpty();
  }

  @Test
  void aLossThatFallsOnePercent_isDecreasing() {
    assertThat(DebuggerRules.lossNotDecreasing(new double[] {2.0, 2.1, 2.0, 1.98})).isEmpty();
  }

  @Test
  void aNonFiniteLoss_isLeftToTheNotFiniteRule() {
    assertThat(DebuggerRules.lossNotDecreasing(new double[] {2.3, 2.3, Double.NaN, 2.3})).isEmpty();
  }

  @Test
  void noNewBestInTheLastThreeEpochs_isAPlateau() {
    assertThat(DebuggerRules.lossPlateau(new double[] {2.0, 1.0, 1.0, 1.05, 0.995}))
        .contains(new Stall(1, 1.0, 0.995));
    assertThat(DebuggerRules.lossPlateau(new double[] {2.0, 1.0, 1.0, 1.05, 0.98})).isEmpty();
  }

  @Test
  void validationLossRisingThreeEpochsWhileTrainingLossFalls_isOverfitting() {
    double[] train = {2.0, 1.5, 1.0, 0.5};
    double[] validation = {1.0, 1.1, 1.2, 1.3};

    assertThat(DebuggerRules.overfitting(train, validation, 3)).contains(new Streak(0, 3));
    assertThat(DebuggerRules.overfitting(train, validation, 2)).isEmpty();
  }

  @Test
  void aBreakInTheRiseOrAMissingValidationLoss_resetsTheStreak() {
    double[] train = {2.0, 1.5, 1.0, 0.5, 0.4};
    assertThat(DebuggerRules.overfitting(train, new double[] {1.0, 1.1, 1.0, 1.2, 1.3}, 4))
        .isEmpty();
    assertThat(
            DebuggerRules.overfitting(
                train, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1}, 4))
        .isEmpty();
  }

  @Test
  void aGrowingAccuracyGapOfTenPercent_isOverfittingForTheReport() {
    double[] train = {0.70, 0.80, 0.90};
    double[] validation = {0.69, 0.74, 0.76};

    assertThat(DebuggerRules.accuracyGapGrowing(train, validation, 2)).contains(new Streak(0, 2));
    assertThat(DebuggerRules.accuracyGapGrowing(train, new double[] {0.69, 0.74, 0.81}, 2))
        .isEmpty();
  }
}
