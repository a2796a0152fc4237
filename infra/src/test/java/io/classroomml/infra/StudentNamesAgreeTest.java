package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.StudentNames;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The names local mode's verbs against AWS look for (contract's {@link StudentNames}) are the ones
 * the CDK app gives ({@link Names}): the stack, its outputs, the job prefixes and the endpoint.
 */
class StudentNamesAgreeTest {

  @Test
  void localModeFindsWhatTheStackNames() {
    for (String id : new String[] {"s01", "alice", "a-b-c"}) {
      assertThat(StudentNames.stack(id)).isEqualTo(Names.studentStack(id));
      assertThat(StudentNames.prefix(id)).isEqualTo(Names.studentPrefix(id));
      assertThat(StudentNames.trainingJobPrefix(id)).isEqualTo(Names.trainingJobPrefix(id));
      assertThat(StudentNames.tuningJobPrefix(id)).isEqualTo(Names.tuningJobPrefix(id));
      assertThat(StudentNames.transformJobPrefix(id)).isEqualTo(Names.transformJobPrefix(id));
      assertThat(StudentNames.batchModelPrefix(id)).isEqualTo(Names.batchModelPrefix(id));
      assertThat(StudentNames.endpoint(id)).isEqualTo(Names.endpointName(id));
    }
    assertThat(StudentNames.SEPARATOR).isEqualTo(Names.SEPARATOR);
  }

  @Test
  void theStudentStack_hasTheOutputsLocalModeReads() {
    Template alice = Template.fromStack(TestClassrooms.serverless().students().get(0));

    assertThat(alice.findOutputs("*").keySet())
        .contains(
            StudentNames.OUTPUT_DATA_BUCKET,
            StudentNames.OUTPUT_ARTIFACTS_BUCKET,
            StudentNames.OUTPUT_TRAINING_PIPELINE,
            StudentNames.OUTPUT_TUNING_PIPELINE,
            StudentNames.OUTPUT_TRANSFORM_PIPELINE);
  }
}
