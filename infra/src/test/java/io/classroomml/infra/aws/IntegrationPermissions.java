package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM actions each Task integration needs from the state machine's role, as AWS documents them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html: a {@code .sync}
 * SageMaker job needs Create/Describe/Stop on the job, ListTags, the EventBridge managed-rule
 * actions and PassRole of the role it hands to SageMaker; tags in the request need AddTags), and
 * the check that the role grants each of them on at least one resource it can apply to.
 */
final class IntegrationPermissions {

  /** IAM prefixes of botocore service names where they differ. */
  private static final Map<String, String> IAM_PREFIX =
      Map.of(
          "stepfunctions",
          "states",
          "service-quotas",
          "servicequotas",
          "sagemaker-runtime",
          "sagemaker");

  /**
   * API operations authorized by an IAM action of another name (Amazon S3's "Required permissions
   * for Amazon S3 API operations": ListObjectsV2 needs s3:ListBucket, HeadObject s3:GetObject …).
   */
  private static final Map<String, List<String>> API_TO_IAM =
      Map.of(
          "s3:ListObjectsV2", List.of("s3:ListBucket"),
          "s3:ListObjects", List.of("s3:ListBucket"),
          "s3:HeadBucket", List.of("s3:ListBucket"),
          "s3:HeadObject", List.of("s3:GetObject"),
          "s3:ListObjectVersions", List.of("s3:ListBucketVersions"),
          "s3:DeleteObjects", List.of("s3:DeleteObject"),
          "s3:CopyObject", List.of("s3:GetObject", "s3:PutObject"));

  private IntegrationPermissions() {}

  /** The actions a call needs, e.g. {@code sagemaker:ListTags}. */
  static List<String> required(Integration integration, JsonNode parameters) {
    String prefix = IAM_PREFIX.getOrDefault(integration.service(), integration.service());
    String op =
        Character.toUpperCase(integration.operation().charAt(0))
            + integration.operation().substring(1);
    List<String> actions = new ArrayList<>();
    actions.addAll(API_TO_IAM.getOrDefault(prefix + ":" + op, List.of(prefix + ":" + op)));
    boolean sync = integration.pattern().startsWith("sync");
    if (prefix.equals("sagemaker")) {
      if (parameters.has("Tags")) {
        actions.add("sagemaker:AddTags");
      }
      if (parameters.has("RoleArn")
          || parameters.has("ExecutionRoleArn")
          || parameters.path("TrainingJobDefinition").has("RoleArn")) {
        actions.add("iam:PassRole");
      }
      if (sync && op.startsWith("Create")) {
        String job = op.substring("Create".length());
        actions.add("sagemaker:Describe" + job);
        actions.add("sagemaker:Stop" + job);
        actions.add("sagemaker:ListTags");
        if (job.equals("HyperParameterTuningJob")) {
          actions.add("sagemaker:ListTrainingJobsForHyperParameterTuningJob");
        }
        actions.addAll(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"));
      }
    }
    return actions;
  }

  /** Adds a finding for every required action the role's Allow statements do not grant. */
  static void check(
      StateMachineChecker.Call call,
      List<JsonNode> roleStatements,
      Findings findings,
      String path) {
    for (String action : required(call.integration(), call.parameters())) {
      int colon = action.indexOf(':');
      boolean exists =
          IamService.of(action.substring(0, colon))
              .map(s -> !s.actions(action.substring(colon + 1)).isEmpty())
              .orElse(false);
      if (!exists) {
        findings.add(
            path + ".States." + call.state(),
            "sfn.integration-permission",
            "Task "
                + call.state()
                + " calls an API whose IAM action "
                + action
                + " the reference does not list: add its action to IntegrationPermissions.API_TO_IAM");
      } else if (!granted(action, roleStatements)) {
        findings.add(
            path + ".States." + call.state(),
            "sfn.integration-permission",
            "Task "
                + call.state()
                + " ("
                + call.integration().service()
                + ":"
                + call.integration().operation()
                + (call.integration().pattern().isEmpty() ? "" : "." + call.integration().pattern())
                + ") needs "
                + action
                + ", which the state machine's role does not grant on any resource it applies to");
      }
    }
  }

  private static boolean granted(String action, List<JsonNode> statements) {
    int colon = action.indexOf(':');
    Optional<IamService> service = IamService.of(action.substring(0, colon));
    List<IamService.ResourceType> types =
        service.map(s -> s.resourceTypes(action.substring(colon + 1))).orElse(List.of());
    for (JsonNode statement : statements) {
      if (!statement.path("Effect").asText().equals("Allow")) {
        continue;
      }
      boolean actionMatches =
          PolicyChecker.strings(statement.path("Action")).stream()
              .anyMatch(p -> IamWildcard.matchesAction(p, action));
      if (!actionMatches) {
        continue;
      }
      for (String resource : PolicyChecker.strings(statement.path("Resource"))) {
        if (resource.equals("*")
            || types.stream().anyMatch(t -> IamWildcard.overlaps(resource, t.arnFormat()))) {
          return true;
        }
      }
    }
    return false;
  }
}
