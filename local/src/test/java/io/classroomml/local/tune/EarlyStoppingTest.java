package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  @Test
  void medianStopping_stopsATrialBelowTheMedianOfOthersRunningAverages() {
    MedianStopping rule = new MedianStopping(5);
    assertThat(rule.report("a", 1, 0.50)).isEmpty(); // no peers yet
    assertThat(rule.report("b", 1, 0.60)).isEmpty(); // one peer: not enough
    assertThat(rule.report("c", 1, 0.70)).isEmpty(); // above the median 0.55 of a and b
    assertThat(rule.report("d", 1, 0.40)).hasValueSatisfying(r -> assertThat(r).contains("median"));
  }

  @Test
  void medianStopping_usesRunningAveragesNotTheLastValue() {
    MedianStopping rule = new MedianStopping(5);
    rule.report("a", 1, 0.2);
    rule.report("a", 2, 0.8); // running average at epoch 2: 0.5
    rule.report("b", 1, 0.2);
    rule.report("b", 2, 0.8);
    assertThat(rule.report("c", 1, 0.3)).isEmpty(); // epoch-1 median is 0.2
    assertThat(rule.report("c", 2, 0.55)).isEmpty(); // 0.55 > median of averages 0.5
  }

  @Test
  void medianStopping_neverStopsAtTheLastEpoch() {
    MedianStopping rule = new MedianStopping(2);
    rule.report("a", 2, 0.9);
    rule.report("b", 2, 0.9);
    assertThat(rule.report("c", 2, 0.1)).isEmpty();
  }

  @Test
  void successiveHalving_rungsGrowByEta() {
    assertThat(new SuccessiveHalving(1, 27, 3).rungs()).containsExactly(1, 3, 9);
    assertThat(new SuccessiveHalving(2, 20, 3).rungs()).containsExactly(2, 6, 18);
  }

  @Test
  void successiveHalving_keepsOnlyTheTopThirdOnceARungHasMoreThanEtaTrials() {
    SuccessiveHalving rule = new SuccessiveHalving(1, 9, 3);
    assertThat(rule.report("a", 1, 0.5)).isEmpty();
    assertThat(rule.report("b", 1, 0.6)).isEmpty();
    assertThat(rule.report("c", 1, 0.7)).isEmpty();
    assertThat(rule.report("d", 1, 0.4)).isPresent(); // 4 at the rung: top 1 (0.7) continues
    assertThat(rule.report("e", 1, 0.9)).isEmpty();
    assertThat(rule.report("e", 2, 0.1)).isEmpty(); // not a rung
  }
}
