package io.classroomml.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NiceScaleTest {

  @Test
  void of_widensToRoundTicks() {
    NiceScale scale = NiceScale.of(0.173, 0.91, 6, false);

    assertThat(scale.min()).isEqualTo(0.0);
    assertThat(scale.max()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(scale.ticks()).hasSize(6);
    assertThat(scale.ticks().stream().map(scale::label))
        .containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
  }

  @Test
  void of_singleEpochGetsIntegerTicksAroundIt() {
    NiceScale scale = NiceScale.of(1, 1, 8, true);

    assertThat(scale.ticks().stream().map(scale::label)).containsExactly("0", "1", "2");
  }

  @Test
  void of_manyEpochsKeepsTicksFewAndWhole() {
    NiceScale scale = NiceScale.of(1, 137, 8, true);

    assertThat(scale.ticks()).hasSizeBetween(4, 9);
    assertThat(scale.step()).isEqualTo(20.0);
  }

  @Test
  void of_noDataFallsBackToUnitRange() {
    NiceScale scale = NiceScale.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 6, false);

    assertThat(scale.min()).isEqualTo(0.0);
    assertThat(scale.max()).isEqualTo(1.0);
  }

  @Test
  void label_neverPrintsNegativeZero() {
    NiceScale scale = NiceScale.of(-1, 1, 5, false);

    assertThat(scale.ticks().stream().map(scale::label)).contains("0.0").doesNotContain("-0.0");
  }
}
