package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag AwsSolutions on every stack: nothing unsuppressed, every suppression narrow. */
class NagTest {

  private static final ObjectMapper JSON = new ObjectMapper();

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
  void everySuppression_isOnOneResourceWithAReasonAndNamedFindings() {
    Classroom classroom = TestClassrooms.serverless();
    List<Stack> stacks = new ArrayList<>(classroom.students());
    stacks.add(classroom.platform());
    int suppressions = 0;
    for (Stack stack : stacks) {
      Map<String, Object> template = Template.fromStack(stack).toJSON();
      // No stack-wide suppressions.
      assertThat(String.valueOf(template.get("Metadata"))).doesNotContain("cdk_nag");
      @SuppressWarnings("unchecked")
      Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
      for (Object resource : resources.values()) {
        JsonNode rules = JSON.valueToTree(resource).at("/Metadata/cdk_nag/rules_to_suppress");
        for (JsonNode rule : rules) {
          assertThat(rule.path("reason").asText()).hasSizeGreaterThan(60);
          if (rule.path("id").asText().equals("AwsSolutions-IAM5")) {
            assertThat(rule.path("applies_to")).as("IAM5 must name its findings").isNotEmpty();
          }
          suppressions++;
        }
      }
    }
    assertThat(suppressions).isGreaterThan(10);
  }

  @Test
  void notebooksClassroom_hasNoUnsuppressedFindings() {
    List<String> found = findings(TestClassrooms.notebooks());
    assertThat(found).isEmpty();
  }

  @Test
  void realtimeClassroom_hasNoUnsuppressedFindings() {
    List<String> found = findings(TestClassrooms.realtime());
    assertThat(found).isEmpty();
  }
}
