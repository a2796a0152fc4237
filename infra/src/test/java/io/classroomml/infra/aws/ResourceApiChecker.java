package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.ServiceModel;
import io.classroomml.testing.aws.ShapeValidator;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks L1 resources whose properties CloudFormation passes on to one API call against that call's
 * input shape: SageMaker Model, EndpointConfig and Endpoint, Budgets, Scheduler schedules (and the
 * request a universal target sends), Application Auto Scaling targets and policies, CloudWatch
 * alarms, ECR repositories (with their lifecycle policy JSON) and log groups. Property names map
 * onto members as written or with a lower-case first letter (ECR's and Logs' APIs are camelCase);
 * properties only CloudFormation knows are dropped; a name CloudFormation generates is added.
 * Limits AWS documents but botocore does not encode are checked here explicitly.
 */
final class ResourceApiChecker {

  /**
   * AWS Budgets: "A budget can have up to ten notifications" (CreateNotification in botocore's
   * budgets model; its CreateBudget text still says five; the issue and AWS's quotas page say 10),
   * each with at most one SNS and ten e-mail subscribers.
   */
  static final int MAX_BUDGET_NOTIFICATIONS = 10;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What CloudFormation calls for a resource type, and what it adds or keeps to itself. */
  /**
   * @param renames CloudFormation property to API member, where they differ by more than case
   */
  record Mapping(
      String service,
      String operation,
      String nameMember,
      Set<String> cfnOnly,
      Map<String, String> renames) {
    Mapping(String service, String operation, String nameMember, Set<String> cfnOnly) {
      this(service, operation, nameMember, cfnOnly, Map.of());
    }
  }

  static final Map<String, Mapping> MAPPINGS =
      Map.ofEntries(
          Map.entry(
              "AWS::SageMaker::Model",
              new Mapping("sagemaker", "CreateModel", "ModelName", Set.of())),
          Map.entry(
              "AWS::SageMaker::EndpointConfig",
              new Mapping("sagemaker", "CreateEndpointConfig", "EndpointConfigName", Set.of())),
          Map.entry(
              "AWS::SageMaker::Endpoint",
              new Mapping(
                  "sagemaker",
                  "CreateEndpoint",
                  "EndpointName",
                  Set.of(
                      "RetainAllVariantProperties",
                      "ExcludeRetainedVariantProperties",
                      "RetainDeploymentConfig"))),
          Map.entry("AWS::Budgets::Budget", new Mapping("budgets", "CreateBudget", null, Set.of())),
          Map.entry(
              "AWS::Scheduler::Schedule",
              new Mapping("scheduler", "CreateSchedule", "Name", Set.of())),
          Map.entry(
              "AWS::ApplicationAutoScaling::ScalableTarget",
              new Mapping(
                  "application-autoscaling",
                  "RegisterScalableTarget",
                  null,
                  Set.of("ScheduledActions"))),
          Map.entry(
              "AWS::ApplicationAutoScaling::ScalingPolicy",
              new Mapping(
                  "application-autoscaling",
                  "PutScalingPolicy",
                  "PolicyName",
                  Set.of("ScalingTargetId"))),
          Map.entry(
              "AWS::CloudWatch::Alarm",
              new Mapping("cloudwatch", "PutMetricAlarm", "AlarmName", Set.of())),
          Map.entry(
              "AWS::CloudWatch::Dashboard",
              new Mapping("cloudwatch", "PutDashboard", "DashboardName", Set.of())),
          Map.entry(
              "AWS::ECR::Repository",
              new Mapping(
                  "ecr",
                  "CreateRepository",
                  "repositoryName",
                  Set.of("LifecyclePolicy", "RepositoryPolicyText", "EmptyOnDelete"))),
          Map.entry(
              "AWS::Logs::LogGroup",
              new Mapping(
                  "logs",
                  "CreateLogGroup",
                  "logGroupName",
                  Set.of(
                      "RetentionInDays",
                      "DataProtectionPolicy",
                      "FieldIndexPolicies",
                      "ResourcePolicyDocument",
                      "BearerTokenAuthenticationEnabled"))),
          Map.entry(
              "AWS::Lambda::Function",
              new Mapping("lambda", "CreateFunction", "FunctionName", Set.of())),
          Map.entry(
              "AWS::StepFunctions::StateMachine",
              new Mapping(
                  "stepfunctions",
                  "CreateStateMachine",
                  "name",
                  Set.of("DefinitionS3Location", "DefinitionSubstitutions", "Definition"),
                  Map.of(
                      "DefinitionString", "definition",
                      "StateMachineName", "name",
                      "StateMachineType", "type"))),
          Map.entry(
              "AWS::IAM::Role",
              new Mapping(
                  "iam", "CreateRole", "RoleName", Set.of("Policies", "ManagedPolicyArns"))),
          Map.entry(
              "AWS::IAM::ManagedPolicy",
              new Mapping(
                  "iam",
                  "CreatePolicy",
                  "PolicyName",
                  Set.of("Roles", "Users", "Groups"),
                  Map.of("ManagedPolicyName", "PolicyName"))),
          Map.entry(
              "AWS::IAM::Policy",
              new Mapping("iam", "PutRolePolicy", null, Set.of("Roles", "Users", "Groups"))));

  /**
   * Studio (issue 14): the domain, user profiles and lifecycle configurations. CloudFormation's
   * UserSettings and the API's differ only in letter case where the checker maps them.
   */
  static final Map<String, Mapping> NOTEBOOK_MAPPINGS =
      Map.of(
          "AWS::SageMaker::Domain",
          new Mapping("sagemaker", "CreateDomain", "DomainName", Set.of()),
          "AWS::SageMaker::UserProfile",
          new Mapping("sagemaker", "CreateUserProfile", "UserProfileName", Set.of()),
          "AWS::SageMaker::StudioLifecycleConfig",
          new Mapping(
              "sagemaker", "CreateStudioLifecycleConfig", "StudioLifecycleConfigName", Set.of()));

  private final CfnResolver resolver;
  private final Findings findings;

  ResourceApiChecker(CfnResolver resolver, Findings findings) {
    this.resolver = resolver;
    this.findings = findings;
  }

  void check(String logicalId, JsonNode resource) {
    Mapping mapping =
        MAPPINGS.getOrDefault(
            resource.path("Type").asText(), NOTEBOOK_MAPPINGS.get(resource.path("Type").asText()));
    if (mapping == null) {
      return;
    }
    ServiceModel model = AwsModels.service(mapping.service()).orElseThrow();
    String operation = model.operation(mapping.operation()).orElseThrow();
    String inputShape = model.input(operation).orElseThrow();
    if (!model.shapesVendored(operation)) {
      findings.add(
          "Properties",
          "model.operation-not-vendored",
          "the shapes of "
              + mapping.service()
              + " "
              + operation
              + " are trimmed from the vendored model: add it to scripts/lib/refresh_aws_models.py"
              + " and run scripts/refresh-aws-models");
      return;
    }
    ObjectNode properties = NODES.objectNode();
    JsonNode resolved = resolver.resolve(resource.path("Properties"));
    resolved
        .fields()
        .forEachRemaining(
            e -> {
              if (!mapping.cfnOnly().contains(e.getKey())) {
                properties.set(
                    mapping.renames().getOrDefault(e.getKey(), e.getKey()), e.getValue());
              }
            });
    JsonNode request = toApi(model, inputShape, properties);
    ObjectNode body = (ObjectNode) request;
    if (mapping.nameMember() != null && !body.has(mapping.nameMember())) {
      body.put(mapping.nameMember(), resolver.physicalName(logicalId));
    }
    switch (resource.path("Type").asText()) {
      case "AWS::Budgets::Budget" -> budget(logicalId, body);
      case "AWS::IAM::Policy" -> {
        // CloudFormation puts the inline policy on each role; the first stands for all
        JsonNode roles = resolved.path("Roles");
        if (roles.size() > 0) {
          body.set("RoleName", roles.get(0));
        }
      }
      case "AWS::Lambda::Function" -> lambdaEnvironment(body.path("Environment").path("Variables"));
      case "AWS::ApplicationAutoScaling::ScalingPolicy" -> scalingTarget(resolved, body);
      case "AWS::Scheduler::Schedule" -> universalTarget(body.path("Target"));
      case "AWS::ECR::Repository" ->
          new EcrLifecyclePolicy(findings)
              .check(
                  resolved.path("LifecyclePolicy").path("LifecyclePolicyText"),
                  "Properties.LifecyclePolicy.LifecyclePolicyText");
      default -> {}
    }
    new ShapeValidator(model, findings, true).validate(inputShape, body, "Properties");
  }

  private void budget(String logicalId, ObjectNode body) {
    JsonNode budget = body.path("Budget");
    if (budget.isObject() && !budget.has("BudgetName")) {
      ((ObjectNode) budget).put("BudgetName", resolver.physicalName(logicalId));
    }
    body.put(
        "AccountId", resolver.text(AwsModels.JSON.createObjectNode().put("Ref", "AWS::AccountId")));
    JsonNode notifications = body.path("NotificationsWithSubscribers");
    if (notifications.size() > MAX_BUDGET_NOTIFICATIONS) {
      findings.add(
          "Properties.NotificationsWithSubscribers",
          "budgets.max-notifications",
          notifications.size()
              + " notifications; AWS Budgets allows at most "
              + MAX_BUDGET_NOTIFICATIONS
              + " per budget, so CreateBudget fails at deploy");
    }
    for (int i = 0; i < notifications.size(); i++) {
      int sns = 0;
      int email = 0;
      for (JsonNode subscriber : notifications.get(i).path("Subscribers")) {
        if (subscriber.path("SubscriptionType").asText().equals("SNS")) {
          sns++;
        } else {
          email++;
        }
      }
      if (sns > 1 || email > 10) {
        findings.add(
            "Properties.NotificationsWithSubscribers[" + i + "].Subscribers",
            "budgets.subscribers",
            "a budget notification takes at most one SNS and ten e-mail subscribers, not "
                + sns
                + " and "
                + email);
      }
    }
  }

  /** Lambda: "Environment variables: 4 KB, total" (Lambda quotas page), not in botocore. */
  static final int MAX_LAMBDA_ENVIRONMENT_BYTES = 4096;

  private void lambdaEnvironment(JsonNode variables) {
    int bytes = 0;
    for (var it = variables.fields(); it.hasNext(); ) {
      var e = it.next();
      bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      bytes += e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_LAMBDA_ENVIRONMENT_BYTES) {
      findings.add(
          "Properties.Environment.Variables",
          "lambda.environment-size",
          bytes + " bytes of environment variables; Lambda allows 4 KB in all");
    }
  }

  /**
   * CloudFormation fills ResourceId, ScalableDimension and ServiceNamespace from ScalingTargetId.
   */
  private void scalingTarget(JsonNode resolved, ObjectNode body) {
    if (resolved.has("ScalingTargetId")) {
      for (String member : new String[] {"ResourceId", "ScalableDimension", "ServiceNamespace"}) {
        if (!body.has(member)) {
          body.put(member, CfnResolver.UNRESOLVED + "from ScalingTargetId}}");
        }
      }
    }
  }

  /**
   * A universal target ({@code arn:aws:scheduler:::aws-sdk:service:operation}) sends Input as the
   * request.
   */
  private void universalTarget(JsonNode target) {
    String arn = target.path("Arn").asText();
    Optional<Integration> call = Integration.parse(arn.replace(":scheduler:::", ":states:::"));
    if (call.isEmpty() || !call.get().sdk()) {
      return;
    }
    Optional<ServiceModel> model = AwsModels.service(call.get().service());
    Optional<String> operation = model.flatMap(m -> m.operation(call.get().operation()));
    if (operation.isEmpty()) {
      findings.add(
          "Properties.Target.Arn",
          "scheduler.unknown-operation",
          arn + " names no vendored operation");
      return;
    }
    try {
      JsonNode input = AwsModels.JSON.readTree(target.path("Input").asText("{}"));
      new ShapeValidator(model.get(), findings, false)
          .names(ShapeValidator.Names.EITHER)
          .validate(
              model.get().input(operation.get()).orElseThrow(), input, "Properties.Target.Input");
    } catch (IOException e) {
      findings.add(
          "Properties.Target.Input", "scheduler.input", "Input is not JSON: " + e.getMessage());
    }
  }

  /**
   * CloudFormation's property tree with keys renamed to the API's members where only case differs.
   */
  static JsonNode toApi(ServiceModel model, String shapeName, JsonNode value) {
    JsonNode shape = model.shape(shapeName);
    String type = shape.path("type").asText();
    if (type.equals("structure") && value.isObject()) {
      ObjectNode out = NODES.objectNode();
      JsonNode members = shape.path("members");
      value
          .fields()
          .forEachRemaining(
              e -> {
                String key = e.getKey();
                String lower =
                    key.isEmpty() ? key : Character.toLowerCase(key.charAt(0)) + key.substring(1);
                String member = members.has(key) ? key : members.has(lower) ? lower : key;
                JsonNode memberShape = members.path(member).path("shape");
                out.set(
                    member,
                    memberShape.isTextual()
                        ? toApi(model, memberShape.asText(), e.getValue())
                        : e.getValue());
              });
      return out;
    }
    if (type.equals("string") && value.isContainerNode()) {
      // CloudFormation takes policy documents and dashboard bodies as objects, the APIs as text
      return NODES.textNode(value.toString());
    }
    if (type.equals("map") && value.isArray()) {
      // CloudFormation writes tags as [{Key, Value}]; APIs such as Logs' take a map
      ObjectNode out = NODES.objectNode();
      value.forEach(tag -> out.set(tag.path("Key").asText(), tag.path("Value")));
      return out;
    }
    if (type.equals("list") && value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      value.forEach(v -> out.add(toApi(model, shape.path("member").path("shape").asText(), v)));
      return out;
    }
    return value;
  }
}
