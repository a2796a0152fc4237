package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.classroomml.testing.aws.AwsModels;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The checker proves itself: each test breaks a copy of a synthesized template the way a real
 * defect would (and the way issue 9's defects did) and asserts the checker names it, with the rule
 * and a message that says what AWS expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class CheckerCatchesBrokenTemplatesTest {

  private static final String STACK = "Classroom-alice";
  private Assembly assembly;

  @BeforeAll
  void synthesize() {
    assembly = Classrooms.synthesize(Classrooms.baseContext());
  }

  @Test
  void misspelledTaskParameter_isAnUnknownMemberWithASuggestion() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                replaceIn(
                    machine(t, "Training"), "\"TrainingInputMode\":", "\"TrainingInputMod\":"));
    assertFinding(
        findings, "shape.unknown-member", "'TrainingInputMod'", "did you mean 'TrainingInputMode'");
  }

  @Test
  void invalidEnumInTaskParameters_isReportedWithTheAllowedValues() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                replaceIn(
                    machine(t, "Training"),
                    "\"TrainingInputMode\":\"File\"",
                    "\"TrainingInputMode\":\"Files\""));
    assertFinding(findings, "shape.enum", "'Files'", "Pipe");
  }

  @Test
  void jobNameLongerThanSageMakerAllows_isReportedAfterEvaluatingTheIntrinsic() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                replaceIn(
                    machine(t, "Training"), "States.Format('", "States.Format('" + "x".repeat(60)));
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.rule()).isIn("shape.length", "shape.pattern");
              assertThat(f.path()).contains("TrainingJobName");
            });
  }

  @Test
  void endpointNameLongerThan63Characters_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t -> {
              ObjectNode endpoint =
                  (ObjectNode) resourceOfType(t, "AWS::SageMaker::Endpoint").path("Properties");
              endpoint.put("EndpointName", "e".repeat(64));
            });
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.rule()).isEqualTo("shape.length");
              assertThat(f.path()).isEqualTo("Properties.EndpointName");
              assertThat(f.message()).contains("64 characters", "maximum 63");
            });
  }

  @Test
  void logGroupArnGivenToCreateLogStream_grantsNothing() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                addPolicy(
                    t,
                    statement(
                        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs")));
    assertFinding(findings, "iam.grants-nothing", "logs:CreateLogStream", "log-stream");
    assertFinding(findings, "iam.resource-matches-no-type");
  }

  @Test
  void unknownAction_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                addPolicy(
                    t,
                    statement(
                        List.of("sagemaker:CreateTrainingJobs"),
                        "arn:aws:sagemaker:us-east-1:111122223333:training-job/alice-x")));
    assertFinding(findings, "iam.unknown-action", "sagemaker:CreateTrainingJobs");
  }

  @Test
  void conditionKeyThatDoesNotApplyToTheAction_isReported() {
    ObjectNode statement = statement(List.of("s3:GetObject"), "arn:aws:s3:::bucket/*");
    statement
        .putObject("Condition")
        .putObject("StringEquals")
        .put("sagemaker:InstanceTypes", "ml.m5.large");
    List<Finding> findings = afterBreaking(STACK, t -> addPolicy(t, statement));
    assertFinding(
        findings, "iam.condition-key-not-applicable", "sagemaker:InstanceTypes", "s3:GetObject");
  }

  @Test
  void misspelledConditionKey_isUnknown() {
    ObjectNode statement =
        statement(
            List.of("sagemaker:CreateTrainingJob"),
            "arn:aws:sagemaker:us-east-1:111122223333:training-job/alice-*");
    statement
        .putObject("Condition")
        .putObject("StringEquals")
        .put("sagemaker:InstanceType", "ml.m5.large");
    List<Finding> findings = afterBreaking(STACK, t -> addPolicy(t, statement));
    assertFinding(findings, "iam.unknown-condition-key");
  }

  @Test
  void starResourceForAnActionWithResourceLevelPermissions_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK, t -> addPolicy(t, statement(List.of("sagemaker:DeleteEndpoint"), "*")));
    assertFinding(findings, "iam.star-resource", "sagemaker:DeleteEndpoint");
  }

  @Test
  void pipelineRoleWithoutListTags_missesWhatTheSyncIntegrationNeeds() {
    List<Finding> findings = afterBreaking(STACK, t -> removeAction(t, "sagemaker:ListTags"));
    assertFinding(findings, "sfn.integration-permission", "sagemaker:ListTags", ".sync");
  }

  @Test
  void serviceTrustWithoutSourceCondition_isAConfusedDeputy() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                t.path("Resources")
                    .forEach(
                        r -> {
                          if (r.path("Type").asText().equals("AWS::IAM::Role")) {
                            for (JsonNode s :
                                r.path("Properties")
                                    .path("AssumeRolePolicyDocument")
                                    .path("Statement")) {
                              ((ObjectNode) s).remove("Condition");
                            }
                          }
                        }));
    assertFinding(findings, "iam.confused-deputy", "states.amazonaws.com", "aws:SourceAccount");
  }

  @Test
  void unknownServicePrincipal_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t -> {
              ObjectNode role = (ObjectNode) resourceOfType(t, "AWS::IAM::Role").path("Properties");
              ObjectNode s =
                  (ObjectNode) role.path("AssumeRolePolicyDocument").path("Statement").get(0);
              s.putObject("Principal").put("Service", "stats.amazonaws.com");
            });
    assertFinding(findings, "iam.unknown-service-principal");
  }

  @Test
  void budgetWithElevenNotifications_exceedsAwsBudgetsLimit() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t -> {
              ArrayNode notifications =
                  (ArrayNode)
                      resourceOfType(t, "AWS::Budgets::Budget")
                          .path("Properties")
                          .path("NotificationsWithSubscribers");
              JsonNode first = notifications.get(0);
              while (notifications.size() < 11) {
                ObjectNode copy = first.deepCopy();
                ((ObjectNode) copy.path("Notification"))
                    .put("Threshold", notifications.size() * 10 + 1);
                notifications.add(copy);
              }
            });
    assertFinding(findings, "budgets.max-notifications", "11 notifications", "at most 10");
  }

  @Test
  void resultSelectorPathMissingFromTheDescribeOutput_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                replaceIn(
                    machine(t, "Training"),
                    "$.ModelArtifacts.S3ModelArtifacts",
                    "$.ModelArtifacts.S3ModelArtifact"));
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.rule()).isEqualTo("sfn.path");
              assertThat(f.path()).contains("ResultSelector");
            });
  }

  @Test
  void executionInputPathThatDoesNotExist_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t ->
                replaceIn(
                    machine(t, "Training"),
                    "\"TrainingJobName.$\":\"$.",
                    "\"TrainingJobName.$\":\"$.missing."));
    assertFinding(findings, "sfn.path", "$.missing.", "execution input is");
  }

  @Test
  void ecrLifecycleRuleForTaggedImagesWithoutTags_isReported() {
    List<Finding> findings =
        afterBreaking(
            "Classroom-Platform",
            t -> {
              ObjectNode policy =
                  (ObjectNode)
                      resourceOfType(t, "AWS::ECR::Repository")
                          .path("Properties")
                          .path("LifecyclePolicy");
              policy.put(
                  "LifecyclePolicyText",
                  policy
                      .path("LifecyclePolicyText")
                      .asText()
                      .replace("\"untagged\"", "\"tagged\""));
            });
    assertFinding(findings, "ecr.lifecycle-policy", "tagPrefixList");
  }

  @Test
  void inlinePoliciesPastIamsSizeQuota_areReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t -> {
              ObjectNode role = (ObjectNode) resourceOfType(t, "AWS::IAM::Role").path("Properties");
              ArrayNode statements =
                  role.putArray("Policies")
                      .addObject()
                      .put("PolicyName", "big")
                      .putObject("PolicyDocument")
                      .putArray("Statement");
              for (int i = 0; i < 120; i++) {
                statements.add(
                    statement(
                        List.of("s3:GetObject"), "arn:aws:s3:::course-data/prefix-" + i + "/*"));
              }
            });
    assertFinding(findings, "iam.policy-size", "IAM allows 10240 per role");
  }

  @Test
  void lambdaEnvironmentPast4Kb_isReported() {
    List<Finding> findings =
        afterBreaking(
            STACK,
            t -> {
              ObjectNode function =
                  (ObjectNode) resourceOfType(t, "AWS::Lambda::Function").path("Properties");
              function.with("Environment").with("Variables").put("BIG", "x".repeat(5000));
            });
    assertFinding(findings, "lambda.environment-size");
  }

  @Test
  void theUnbrokenBaseClassroom_hasNoFindings() {
    assertThat(
            new TemplateChecker(assembly, ExecutionInputs.fromDocs(ExecutionInputs.docsFolder()))
                .check())
        .as("the base classroom itself")
        .isEmpty();
  }

  private List<Finding> afterBreaking(String stack, Consumer<ObjectNode> change) {
    ObjectNode copy = assembly.template(stack).deepCopy();
    change.accept(copy);
    List<Finding> findings =
        TemplateChecker.withDocumentedInputs(assembly.with(stack, copy)).check();
    System.out.println(Findings.report(findings));
    return findings;
  }

  /**
   * Asserts some finding has {@code rule} and a message containing every one of {@code inMessage}.
   */
  private static void assertFinding(List<Finding> findings, String rule, String... inMessage) {
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.rule()).isEqualTo(rule);
              if (inMessage.length > 0) {
                assertThat(f.message()).contains(inMessage);
              }
            });
  }

  private static JsonNode machine(ObjectNode template, String prefix) {
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith(prefix)
          && e.getValue().path("Type").asText().equals("AWS::StepFunctions::StateMachine")) {
        return e.getValue();
      }
    }
    throw new AssertionError("no state machine " + prefix);
  }

  private static JsonNode resourceOfType(ObjectNode template, String type) {
    for (JsonNode resource : template.path("Resources")) {
      if (resource.path("Type").asText().equals(type)) {
        return resource;
      }
    }
    throw new AssertionError("no " + type);
  }

  /** Replaces text in every string inside {@code node} (e.g. the parts of a DefinitionString). */
  private static void replaceIn(JsonNode node, String from, String to) {
    boolean[] replaced = {false};
    replaceIn(node, from, to, replaced);
    assertThat(replaced[0]).as("the template contains %s", from).isTrue();
  }

  private static void replaceIn(JsonNode node, String from, String to, boolean[] replaced) {
    if (node instanceof ObjectNode object) {
      object
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isTextual() && e.getValue().asText().contains(from)) {
                  e.setValue(TextNode.valueOf(e.getValue().asText().replace(from, to)));
                  replaced[0] = true;
                } else {
                  replaceIn(e.getValue(), from, to, replaced);
                }
              });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual() && array.get(i).asText().contains(from)) {
          array.set(i, TextNode.valueOf(array.get(i).asText().replace(from, to)));
          replaced[0] = true;
        } else {
          replaceIn(array.get(i), from, to, replaced);
        }
      }
    }
  }

  private static ObjectNode statement(List<String> actions, String resource) {
    ObjectNode statement = AwsModels.JSON.createObjectNode().put("Effect", "Allow");
    actions.forEach(statement.putArray("Action")::add);
    statement.put("Resource", resource);
    return statement;
  }

  private static void addPolicy(ObjectNode template, ObjectNode statement) {
    ObjectNode policy = ((ObjectNode) template.path("Resources")).putObject("BrokenPolicy");
    policy.put("Type", "AWS::IAM::Policy");
    ObjectNode document =
        policy.putObject("Properties").put("PolicyName", "broken").putObject("PolicyDocument");
    document.put("Version", "2012-10-17");
    document.putArray("Statement").add(statement);
  }

  private static void removeAction(ObjectNode template, String action) {
    template
        .path("Resources")
        .forEach(
            r -> {
              for (JsonNode document : r.path("Properties").findValues("PolicyDocument")) {
                for (JsonNode statement : document.path("Statement")) {
                  JsonNode actions = statement.path("Action");
                  if (actions.isArray()) {
                    for (int i = actions.size() - 1; i >= 0; i--) {
                      if (actions.get(i).asText().equals(action)) {
                        ((ArrayNode) actions).remove(i);
                      }
                    }
                  } else if (actions.asText().equals(action)) {
                    ((ObjectNode) statement).put("Action", "sagemaker:DescribeTrainingJob");
                  }
                }
              }
            });
  }
}
