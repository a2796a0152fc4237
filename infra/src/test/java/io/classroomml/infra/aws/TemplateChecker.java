package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks every resource of every template of an assembly and runs the checker that applies: IAM
 * policies (identity, trust and resource-based) against the Service Authorization Reference, state
 * machines against the botocore shapes of the APIs their Tasks call, and L1 resources that map onto
 * one API call against that call's shape. Returns every finding, de-duplicated.
 */
final class TemplateChecker {

  private final Assembly assembly;
  private final Map<String, List<JsonNode>> inputs;

  /**
   * @param inputs execution inputs by the name of the stack output that names the state machine
   */
  TemplateChecker(Assembly assembly, Map<String, List<JsonNode>> inputs) {
    this.assembly = assembly;
    this.inputs = inputs;
  }

  /** With the execution inputs the repository's docs show. */
  static TemplateChecker withDocumentedInputs(Assembly assembly) {
    return new TemplateChecker(assembly, ExecutionInputs.fromDocs(ExecutionInputs.docsFolder()));
  }

  List<Finding> check() {
    List<Finding> all = new ArrayList<>();
    for (String stack : assembly.templates().keySet()) {
      JsonNode template = assembly.template(stack);
      CfnResolver resolver = new CfnResolver(assembly, stack);
      for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> resource = it.next();
        Findings findings = new Findings(all, stack, resource.getKey());
        resource(template, resolver, resource.getKey(), resource.getValue(), findings);
      }
      PolicySizes.check(stack, template, resolver, all);
    }
    return List.copyOf(new LinkedHashSet<>(all));
  }

  private void resource(
      JsonNode template,
      CfnResolver resolver,
      String logicalId,
      JsonNode resource,
      Findings findings) {
    JsonNode properties = resource.path("Properties");
    PolicyChecker policies = new PolicyChecker(findings);
    switch (resource.path("Type").asText()) {
      case "AWS::IAM::Role" -> {
        new ResourceApiChecker(resolver, findings).check(logicalId, resource);
        policies.check(
            resolver.resolve(properties.path("AssumeRolePolicyDocument")),
            PolicyChecker.Kind.TRUST,
            "Properties.AssumeRolePolicyDocument");
        for (int i = 0; i < properties.path("Policies").size(); i++) {
          policies.check(
              resolver.resolve(properties.path("Policies").get(i).path("PolicyDocument")),
              PolicyChecker.Kind.IDENTITY,
              "Properties.Policies[" + i + "].PolicyDocument");
        }
      }
      case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> {
        policies.check(
            resolver.resolve(properties.path("PolicyDocument")),
            PolicyChecker.Kind.IDENTITY,
            "Properties.PolicyDocument");
        new ResourceApiChecker(resolver, findings).check(logicalId, resource);
      }
      case "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy" ->
          policies.check(
              resolver.resolve(properties.path("PolicyDocument")),
              PolicyChecker.Kind.RESOURCE,
              "Properties.PolicyDocument");
      case "AWS::ECR::Repository" -> {
        if (properties.has("RepositoryPolicyText")) {
          policies.check(
              resolver.resolve(properties.path("RepositoryPolicyText")),
              PolicyChecker.Kind.RESOURCE,
              "Properties.RepositoryPolicyText");
        }
        new ResourceApiChecker(resolver, findings).check(logicalId, resource);
      }
      case "AWS::Lambda::Permission" -> lambdaPermission(resolver.resolve(properties), findings);
      case "AWS::StepFunctions::StateMachine" -> {
        stateMachine(template, resolver, logicalId, properties, findings);
        new ResourceApiChecker(resolver, findings).check(logicalId, resource);
      }
      default -> new ResourceApiChecker(resolver, findings).check(logicalId, resource);
    }
  }

  /**
   * The API calls the state machines of {@code stack} make when run on the documented inputs: what
   * the pipelines create (job names, models, objects), for the isolation property.
   */
  List<StateMachineChecker.Call> pipelineCalls(String stack) {
    JsonNode template = assembly.template(stack);
    CfnResolver resolver = new CfnResolver(assembly, stack);
    List<StateMachineChecker.Call> calls = new ArrayList<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::StepFunctions::StateMachine")) {
                Findings ignored = Findings.detached(stack, e.getKey());
                calls.addAll(
                    stateMachine(
                        template, resolver, e.getKey(), e.getValue().path("Properties"), ignored));
              }
            });
    return calls;
  }

  private List<StateMachineChecker.Call> stateMachine(
      JsonNode template,
      CfnResolver resolver,
      String logicalId,
      JsonNode properties,
      Findings findings) {
    JsonNode definition;
    try {
      definition = AwsModels.JSON.readTree(resolver.text(properties.path("DefinitionString")));
    } catch (IOException e) {
      findings.add(
          "Properties.DefinitionString", "sfn.definition", "is not JSON: " + e.getMessage());
      return List.of();
    }
    List<JsonNode> documented = new ArrayList<>();
    template
        .path("Outputs")
        .fields()
        .forEachRemaining(
            output -> {
              if (output.getValue().path("Value").path("Ref").asText().equals(logicalId)) {
                documented.addAll(inputs.getOrDefault(output.getKey(), List.of()));
              }
            });
    if (documented.isEmpty()) {
      documented.add(AwsModels.JSON.createObjectNode());
    }
    StateMachineChecker machine =
        new StateMachineChecker(findings, "Properties.DefinitionString", resolver.arnOf(logicalId));
    machine.check(definition, documented);
    String role = properties.path("RoleArn").path("Fn::GetAtt").path(0).asText();
    List<JsonNode> statements = RoleStatements.of(template, resolver).getOrDefault(role, List.of());
    for (StateMachineChecker.Call call : machine.calls()) {
      IntegrationPermissions.check(call, statements, findings, "Properties.DefinitionString");
    }
    return machine.calls();
  }

  private static void lambdaPermission(JsonNode properties, Findings findings) {
    String action = properties.path("Action").asText();
    Optional<IamService> lambda = IamService.of("lambda");
    int colon = action.indexOf(':');
    if (colon < 0
        || !action.substring(0, colon).equals("lambda")
        || lambda.orElseThrow().actions(action.substring(colon + 1)).isEmpty()) {
      findings.add(
          "Properties.Action", "iam.unknown-action", "'" + action + "' is not a Lambda action");
    }
    String principal = properties.path("Principal").asText();
    if (principal.endsWith(".amazonaws.com")
        && !AwsModels.knownPrefix(principal.substring(0, principal.indexOf('.')))) {
      findings.add(
          "Properties.Principal",
          "iam.unknown-service-principal",
          principal + " is not a known AWS service principal");
    }
  }
}
