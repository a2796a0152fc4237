package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.infra.constructs.ConcurrencyGate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Each pipeline refuses to start above maxConcurrentJobs runs of itself at once. */
class ConcurrencyGateTest {

  private static Template alice() {
    return Template.fromStack(TestClassrooms.serverless().students().get(0));
  }

  @Test
  void everyPipeline_firstCountsItsOwnRunningExecutions() {
    for (JsonNode definition : Definitions.parsed(alice()).values()) {
      JsonNode first = definition.path("States").path(definition.path("StartAt").asText());
      assertThat(first.path("Resource").asText()).endsWith(":states:::aws-sdk:sfn:listExecutions");
      assertThat(first.path("Parameters").path("StateMachineArn.$").asText())
          .isEqualTo("$$.StateMachine.Id");
      assertThat(first.path("Parameters").path("StatusFilter").asText()).isEqualTo("RUNNING");
      // The default: one run at once; the list counts this execution too.
      assertThat(first.path("Parameters").path("MaxResults").asInt()).isEqualTo(2);
    }
    assertThat(Definitions.parsed(alice())).hasSize(3);
  }

  @Test
  void overTheLimit_failsWithTooManyRunningBeforeAnyJob() {
    for (JsonNode definition : Definitions.parsed(alice()).values()) {
      JsonNode states = definition.path("States");
      JsonNode choice =
          states.path(states.path(definition.path("StartAt").asText()).path("Next").asText());
      assertThat(choice.path("Type").asText()).isEqualTo("Choice");
      JsonNode rule = choice.path("Choices").get(0);
      assertThat(rule.path("NumericGreaterThan").asInt()).isEqualTo(1);
      JsonNode fail = states.path(rule.path("Next").asText());
      assertThat(fail.path("Type").asText()).isEqualTo("Fail");
      assertThat(fail.path("Error").asText()).isEqualTo(ConcurrencyGate.ERROR);
      assertThat(fail.path("Cause").asText()).contains("maxConcurrentJobs");
    }
  }

  @Test
  void eachPipelineRole_mayListOnlyItsOwnExecutions() {
    Template template = alice();

    template.resourcePropertiesCountIs(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Map.of(
                    "Statement",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                "states:ListExecutions",
                                "Resource",
                                Map.of("Ref", Match.stringLikeRegexp(".*StateMachine.*")))))))),
        3);
  }

  @Test
  void configuredLimit_reachesTheGate() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.put("maxConcurrentJobs", "2");
    context.put("students", "alice");
    context.put("models", "");

    Template template = Template.fromStack(TestClassrooms.build(context).students().get(0));

    for (JsonNode definition : Definitions.parsed(template).values()) {
      JsonNode first = definition.path("States").path(definition.path("StartAt").asText());
      assertThat(first.path("Parameters").path("MaxResults").asInt()).isEqualTo(3);
    }
  }
}
