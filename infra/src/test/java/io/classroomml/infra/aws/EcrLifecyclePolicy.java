package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.ShapeValidator;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Validates an ECR lifecycle policy document, which botocore models only as a string, against the
 * structure the ECR User Guide documents ("Lifecycle policy properties"): rules with unique
 * positive rulePriority, a selection (tagStatus; tag prefixes or patterns exactly when tagged;
 * countType with countUnit "days" exactly for sinceImagePushed; countNumber ≥ 1) and an expire
 * action; a rule with tagStatus "any" must have the highest priority.
 */
final class EcrLifecyclePolicy {

  private static final Set<String> RULE_KEYS =
      Set.of("rulePriority", "description", "selection", "action");
  private static final Set<String> SELECTION_KEYS =
      Set.of(
          "tagStatus",
          "tagPrefixList",
          "tagPatternList",
          "countType",
          "countUnit",
          "countNumber",
          "storageClass");
  private static final Set<String> TAG_STATUS = Set.of("tagged", "untagged", "any");
  private static final Set<String> COUNT_TYPES =
      Set.of(
          "imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned");

  private final Findings findings;

  EcrLifecyclePolicy(Findings findings) {
    this.findings = findings;
  }

  void check(JsonNode text, String path) {
    if (text.isMissingNode() || ShapeValidator.isUnresolved(text)) {
      return;
    }
    JsonNode policy;
    try {
      policy = AwsModels.JSON.readTree(text.asText());
    } catch (IOException e) {
      error(path, "is not JSON: " + e.getMessage());
      return;
    }
    JsonNode rules = policy.path("rules");
    if (!rules.isArray() || rules.isEmpty()) {
      error(path, "needs a non-empty 'rules' array");
      return;
    }
    Set<Integer> priorities = new HashSet<>();
    int highest = 0;
    int anyPriority = -1;
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String at = path + ".rules[" + i + "]";
      unknownKeys(rule, RULE_KEYS, at);
      int priority = rule.path("rulePriority").asInt(0);
      if (!rule.path("rulePriority").isInt() || priority < 1) {
        error(at + ".rulePriority", "must be a whole number ≥ 1");
      } else if (!priorities.add(priority)) {
        error(at + ".rulePriority", "priority " + priority + " is used twice");
      }
      highest = Math.max(highest, priority);
      selection(rule.path("selection"), at + ".selection");
      if (rule.path("selection").path("tagStatus").asText().equals("any")) {
        anyPriority = priority;
      }
      String action = rule.path("action").path("type").asText();
      if (!action.equals("expire") && !action.equals("transition")) {
        error(at + ".action.type", "must be expire (or transition), not '" + action + "'");
      }
    }
    if (anyPriority > 0 && anyPriority < highest) {
      error(path, "the rule with tagStatus 'any' must have the highest rulePriority");
    }
  }

  private void selection(JsonNode selection, String at) {
    unknownKeys(selection, SELECTION_KEYS, at);
    String status = selection.path("tagStatus").asText();
    if (!TAG_STATUS.contains(status)) {
      error(at + ".tagStatus", "must be one of " + TAG_STATUS + ", not '" + status + "'");
    }
    boolean tags = selection.has("tagPrefixList") || selection.has("tagPatternList");
    if (status.equals("tagged") != tags) {
      error(
          at, "tagPrefixList or tagPatternList is required with tagStatus 'tagged' and only then");
    }
    String countType = selection.path("countType").asText();
    if (!COUNT_TYPES.contains(countType)) {
      error(at + ".countType", "must be one of " + COUNT_TYPES + ", not '" + countType + "'");
    }
    boolean days = !countType.equals("imageCountMoreThan");
    if (days != selection.has("countUnit")
        || (selection.has("countUnit") && !selection.path("countUnit").asText().equals("days"))) {
      error(
          at + ".countUnit",
          "countUnit 'days' goes with the since* count types and only with them");
    }
    if (!selection.path("countNumber").isInt() || selection.path("countNumber").asInt() < 1) {
      error(at + ".countNumber", "must be a whole number ≥ 1");
    }
  }

  private void unknownKeys(JsonNode node, Set<String> allowed, String at) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        error(at + "." + key, "is not a lifecycle policy property (allowed: " + allowed + ")");
      }
    }
  }

  private void error(String path, String message) {
    findings.add(path, "ecr.lifecycle-policy", message);
  }
}
