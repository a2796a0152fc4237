package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * No AWS service can be made to assume a classroom role on another account's behalf (the
 * cross-service confused deputy): every trust statement for a service principal requires {@code
 * aws:SourceAccount}, and Step Functions and EventBridge Scheduler also {@code aws:SourceArn}.
 */
class TrustPoliciesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyServiceTrust_isLimitedToThisAccount() {
    List<String> services = new ArrayList<>();
    for (JsonNode statement : trustStatements()) {
      String service = statement.at("/Principal/Service").asText();
      services.add(service);
      assertThat(statement.at("/Condition/StringEquals/aws:SourceAccount/Ref").asText())
          .as("trust of %s", service)
          .isEqualTo("AWS::AccountId");
    }
    assertThat(services)
        .contains(
            "states.amazonaws.com",
            "lambda.amazonaws.com",
            "scheduler.amazonaws.com",
            "sagemaker.amazonaws.com");
  }

  @Test
  void stepFunctionsAndSchedulerTrust_nameTheSourceArn() {
    for (JsonNode statement : trustStatements()) {
      String service = statement.at("/Principal/Service").asText();
      if (service.equals("states.amazonaws.com")) {
        assertThat(Definitions.resolve(value(statement.at("/Condition/ArnLike/aws:SourceArn"))))
            .isEqualTo("arn:aws:states:us-east-1:111122223333:stateMachine:*");
      } else if (service.equals("scheduler.amazonaws.com")) {
        assertThat(
                Definitions.resolve(value(statement.at("/Condition/StringEquals/aws:SourceArn"))))
            .isEqualTo("arn:aws:scheduler:us-east-1:111122223333:schedule-group/default");
      }
    }
  }

  private static Object value(JsonNode node) {
    assertThat(node.isMissingNode()).as("aws:SourceArn is missing").isFalse();
    return JSON.convertValue(node, Object.class);
  }

  /** The trust statements of every role of the serverless classroom with a service principal. */
  private static List<JsonNode> trustStatements() {
    Classroom classroom = TestClassrooms.serverless();
    List<Stack> stacks = new ArrayList<>(classroom.students());
    stacks.add(classroom.platform());
    List<JsonNode> statements = new ArrayList<>();
    for (Stack stack : stacks) {
      for (Map<String, Object> role :
          Template.fromStack(stack).findResources("AWS::IAM::Role").values()) {
        JsonNode doc = JSON.valueToTree(role).at("/Properties/AssumeRolePolicyDocument");
        for (JsonNode statement : doc.path("Statement")) {
          if (statement.at("/Principal/Service").isTextual()) {
            statements.add(statement);
          }
        }
      }
    }
    return statements;
  }
}
