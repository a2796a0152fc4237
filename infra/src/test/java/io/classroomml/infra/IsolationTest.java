package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Template;

/**
 * No statement in one student's stack grants anything on another student's resources: every
 * resource of every Allow statement is either this stack's own (a reference into the same
 * template), named with this student's prefix, shared read-only, or a documented action that has no
 * resource-level permissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {

  /** Actions AWS offers only on "*" (and those CDK adds for logging and tracing). */
  private static final Set<String> ANY_RESOURCE_ACTIONS =
      Set.of(
          "ecr:GetAuthorizationToken",
          "cloudwatch:PutMetricData",
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
          "sagemaker:ListTrainingJobs",
          "sagemaker:ListHyperParameterTuningJobs",
          "sagemaker:ListTransformJobs",
          "sagemaker:ListModels",
          // Documented on "*" for every SageMaker .sync integration of Step Functions.
          "sagemaker:ListTags");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> ids = List.of("alice", "bob", "carol");
  private final List<Template> templates = new ArrayList<>();

  @BeforeAll
  void synthesize() {
    TestClassrooms.serverless().students().forEach(s -> templates.add(Template.fromStack(s)));
  }

  @Test
  void noAllowStatement_namesAnotherStudent() {
    for (int i = 0; i < ids.size(); i++) {
      String own = ids.get(i);
      List<JsonNode> statements = allowStatements(templates.get(i));
      assertThat(statements).hasSizeGreaterThan(20);
      for (JsonNode statement : statements) {
        String text = statement.toString();
        for (String other : ids) {
          if (!other.equals(own)) {
            assertThat(text)
                .as("statement in %s's stack", own)
                .doesNotContain(other + "-")
                .doesNotContain("Classroom-" + other)
                .doesNotContain("$" + other);
          }
        }
      }
    }
  }

  @Test
  void everyResource_isOwnPrefixedSharedOrUnscopable() {
    for (int i = 0; i < ids.size(); i++) {
      String own = ids.get(i);
      Set<String> logicalIds = resources(templates.get(i)).keySet();
      for (JsonNode statement : allowStatements(templates.get(i))) {
        for (JsonNode resource : list(statement.get("Resource"))) {
          String text = resource.toString();
          if (resource.isTextual() && resource.asText().equals("*")) {
            for (JsonNode action : list(statement.get("Action"))) {
              assertThat(ANY_RESOURCE_ACTIONS)
                  .as("%s allows %s on * in %s's stack", statement, action, own)
                  .contains(action.asText());
            }
            continue;
          }
          List<String> refs = references(resource);
          // the stack itself (the student role reads its own stack's outputs)
          boolean ownStack = text.equals("{\"Ref\":\"AWS::StackId\"}");
          boolean ownReference = ownStack || !refs.isEmpty() && logicalIds.containsAll(refs);
          boolean ownPrefix =
              text.contains("/" + own + "-")
                  || text.contains(":" + own + "-")
                  || text.contains("/" + own + "-endpoint");
          boolean shared =
              text.contains(":s3:::course-data")
                  || text.contains(":repository/classroom-ml/")
                  || text.contains("StepFunctionsGetEventsForSageMaker")
                  || text.endsWith(":log-group:/aws/sagemaker/TrainingJobs\"]]}")
                  || text.endsWith(":log-group:/aws/sagemaker/TransformJobs\"]]}");
          assertThat(ownReference || ownPrefix || shared)
              .as("resource %s in %s's stack (refs %s)", text, own, refs)
              .isTrue();
        }
      }
    }
  }

  @Test
  void noAction_isAServiceWildcard() {
    for (Template template : templates) {
      for (JsonNode statement : allowStatements(template)) {
        for (JsonNode action : list(statement.get("Action"))) {
          assertThat(action.asText()).doesNotEndWith(":*").isNotEqualTo("*");
          if (action.asText().startsWith("s3:")) {
            assertThat(action.asText()).doesNotContain("*");
          }
        }
      }
    }
  }

  /** Allow statements of roles' inline policies, policies and managed policies. */
  private static List<JsonNode> allowStatements(Template template) {
    List<JsonNode> statements = new ArrayList<>();
    for (Object resource : resources(template).values()) {
      JsonNode node = JSON.valueToTree(resource);
      String type = node.path("Type").asText();
      JsonNode props = node.path("Properties");
      List<JsonNode> documents = new ArrayList<>();
      if (type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy")) {
        documents.add(props.path("PolicyDocument"));
      } else if (type.equals("AWS::IAM::Role")) {
        props.path("Policies").forEach(p -> documents.add(p.path("PolicyDocument")));
      }
      for (JsonNode document : documents) {
        for (JsonNode statement : document.path("Statement")) {
          if (statement.path("Effect").asText().equals("Allow")) {
            statements.add(statement);
          }
        }
      }
    }
    return statements;
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node == null) {
      return items;
    }
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    return items;
  }

  /** Logical ids this value refers to ({@code Ref} and {@code Fn::GetAtt}, pseudo params aside). */
  private static List<String> references(JsonNode value) {
    List<String> refs = new ArrayList<>();
    value
        .findValues("Ref")
        .forEach(
            r -> {
              if (!r.asText().startsWith("AWS::")) {
                refs.add(r.asText());
              }
            });
    value.findValues("Fn::GetAtt").forEach(g -> refs.add(g.get(0).asText()));
    return refs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resources(Template template) {
    return (Map<String, Object>) template.toJSON().get("Resources");
  }
}
