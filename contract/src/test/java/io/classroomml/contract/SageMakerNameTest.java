package io.classroomml.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SageMakerNameTest {

  @Test
  void lettersDigitsAndInnerHyphensUpToTheLimit_areValid() {
    assertThat(SageMakerName.TRAINING_JOB.isValid("train-run-1")).isTrue();
    assertThat(SageMakerName.TRAINING_JOB.isValid("a".repeat(63))).isTrue();
    assertThat(SageMakerName.TUNING_JOB.isValid("t".repeat(32))).isTrue();
  }

  @Test
  void longNamesEdgeHyphensAndOtherCharacters_areInvalid() {
    assertThat(SageMakerName.TRAINING_JOB.isValid("a".repeat(64))).isFalse();
    assertThat(SageMakerName.TUNING_JOB.isValid("t".repeat(33))).isFalse();
    assertThat(SageMakerName.ENDPOINT.isValid("-a")).isFalse();
    assertThat(SageMakerName.ENDPOINT.isValid("a-")).isFalse();
    assertThat(SageMakerName.MODEL.isValid("a_b")).isFalse();
    assertThat(SageMakerName.MODEL.isValid("")).isFalse();
  }

  @Test
  void theMessageNamesTheKindTheNameAndTheRule() {
    assertThat(SageMakerName.TUNING_JOB.invalid("x_y"))
        .isEqualTo(
            "tuning job name 'x_y' is not valid: 1-32 letters, digits and inner hyphens"
                + " (SageMaker's rule)");
  }
}
