package io.classroomml.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void warmupRisesLinearlyFromTenPercentToThePeak() {
    LearningRateSchedule s = new LearningRateSchedule(1.0, "constant", 10, 100);

    assertThat(s.at(0)).isEqualTo(0.1);
    assertThat(s.at(5)).isCloseTo(0.55, within(1e-12));
    assertThat(s.at(10)).isEqualTo(1.0);
    assertThat(s.at(99)).isEqualTo(1.0);
  }

  @Test
  void oneCycleDecaysLinearlyToZero() {
    LearningRateSchedule s = new LearningRateSchedule(2.0, "onecycle", 0, 100);

    assertThat(s.at(0)).isEqualTo(2.0);
    assertThat(s.at(50)).isCloseTo(1.0, within(1e-12));
    assertThat(s.at(100)).isEqualTo(0.0);
  }

  @Test
  void cosineIsHalfwayAtTheMiddle() {
    LearningRateSchedule s = new LearningRateSchedule(1.0, "cosine", 0, 200);

    assertThat(s.at(100)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void stepDecaysTenfoldAtHalfAndThreeQuarters() {
    LearningRateSchedule s = new LearningRateSchedule(1.0, "step", 0, 100);

    assertThat(s.at(49)).isEqualTo(1.0);
    assertThat(s.at(50)).isCloseTo(0.1, within(1e-12));
    assertThat(s.at(80)).isCloseTo(0.01, within(1e-12));
  }
}
