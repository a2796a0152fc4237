package io.classroomml.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Job names tell which pipeline made them, as the stack names them (contract's StudentNames). */
class PipelineTest {

  @Test
  void eachPipelinesJobName_isKnownByItsShape() {
    assertThat(Pipeline.ofJob("s01--train-0123456789ab")).isEqualTo(Pipeline.TRAINING);
    assertThat(Pipeline.ofJob("s01--tune-0123456789ab")).isEqualTo(Pipeline.TUNING);
    assertThat(Pipeline.ofJob("s01--tune-0123456789ab-003-0a1b2c3d"))
        .as("a tuning trial is a training job")
        .isEqualTo(Pipeline.TRAINING);
    assertThat(Pipeline.ofJob("a-b--transform-0123456789ab")).isEqualTo(Pipeline.TRANSFORM);
  }

  @Test
  void otherNames_areExecutionNames() {
    assertThat(Pipeline.ofJob("first")).isNull();
    assertThat(Pipeline.ofJob("train-20261130-101500")).isNull();
    assertThat(Pipeline.ofJob("s01--train-mine")).isNull();
  }
}
