package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  record Mapping(String service, String operation, String nameMember, Set<String> cfnOnly) {}

  static final Map<String, Mapping> MAPPINGS =
      Map.of(
          "AWS::SageMaker::Model",
          new Mapping("sagemaker", "CreateModel", "ModelName", Set.of()),
          "AWS::SageMaker::EndpointConfig",
          new Mapping("sagemaker", "CreateEndpointConfig", "EndpointConfigName", Set.of()),
          "AWS::SageMaker::Endpoint",
          new Mapping(
              "sagemaker",
              "CreateEndpoint",
              "EndpointName",
              Set.of(
                  "RetainAllVariantProperties",
                  "ExcludeRetainedVariantProperties",
                  "RetainDeploymentConfig")),
          "AWS::Budgets::Budget",
          new Mapping("budgets", "CreateBudget", null, Set.of()),
          "AWS::Scheduler::Schedule",
          new Mapping("scheduler", "CreateSchedule", "Name", Set.of()),
          "AWS::ApplicationAutoScaling::ScalableTarget",
          new Mapping(
              "application-autoscaling",
              "RegisterScalableTarget",
              null,
              Set.of("ScheduledActions")),
          "AWS::ApplicationAutoScaling::ScalingPolicy",
          new Mapping(
              "application-autoscaling",
              "PutScalingPolicy",
              "PolicyName",
              Set.of("ScalingTargetId")),
          "AWS::CloudWatch::Alarm",
          new Mapping("cloudwatch", "PutMetricAlarm", "AlarmName", Set.of()),
          "AWS::ECR::Repository",
          new Mapping(
              "ecr",
              "CreateRepository",
              "repositoryName",
              Set.of("LifecyclePolicy", "RepositoryPolicyText", "EmptyOnDelete")),
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
                  "BearerTokenAuthenticationEnabled")));

  private final CfnResolver resolver;
  private final Findings findings;

  ResourceApiChecker(CfnResolver resolver, Findings findings) {
    this.resolver = resolver;
    this.findings = findings;
  }

  void check(String logicalId, JsonNode resource) {
    Mapping mapping = MAPPINGS.get(resource.path("Type").asText());
    if (mapping == null) {
      return;
    }
    ServiceModel model = AwsModels.service(mapping.service()).orElseThrow();
    String operation = model.operation(mapping.operation()).orElseThrow();
    String inputShape = model.input(operation).orElseThrow();
    ObjectNode properties = NODES.objectNode();
    JsonNode resolved = resolver.resolve(resource.path("Properties"));
    resolved
        .fields()
        .forEachRemaining(
            e -> {
              if (!mapping.cfnOnly().contains(e.getKey())) {
                properties.set(e.getKey(), e.getValue());
              }
            });
    JsonNode request = toApi(model, inputShape, properties);
    ObjectNode body = (ObjectNode) request;
    if (mapping.nameMember() != null && !body.has(mapping.nameMember())) {
      body.put(mapping.nameMember(), resolver.physicalName(logicalId));
    }
    switch (resource.path("Type").asText()) {
      case "AWS::Budgets::Budget" -> budget(logicalId, body);
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
