package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class NagTest {

  private static List<String> findings(Classroom classroom) {
    List<Stack> stacks = new ArrayList<>();
    stacks.add(classroom.platform());
    stacks.addAll(classroom.students());
    List<String> found = new ArrayList<>();
    for (Stack stack : stacks) {
      Annotations annotations = Annotations.fromStack(stack);
      for (SynthesisMessage m :
          annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
        found.add("ERROR " + m.getId() + " " + m.getEntry().getData());
      }
      for (SynthesisMessage m :
          annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
        found.add("WARN " + m.getId() + " " + m.getEntry().getData());
      }
    }
    return found;
  }

  @Test
  void serverlessClassroom_hasNoUnsuppressedFindings() {
    List<String> found = findings(TestClassrooms.serverless());
    assertThat(found).isEmpty();
  }

  @Test
  void realtimeClassroom_hasNoUnsuppressedFindings() {
    List<String> found = findings(TestClassrooms.realtime());
    assertThat(found).isEmpty();
  }
}
