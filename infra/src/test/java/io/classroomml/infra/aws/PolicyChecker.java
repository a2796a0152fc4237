package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one resolved IAM policy document against the Service Authorization Reference: every action
 * exists; every action of an Allow can be granted by at least one of the statement's resources (an
 * ARN that fits a resource type the action authorizes, or {@code *} for actions without
 * resource-level permissions); every resource fits some action; {@code *} only where needed or
 * scoped by a tag condition; condition keys exist and apply to every action; trust policies name
 * known service principals and, for services AWS documents it for, guard against the confused
 * deputy.
 */
final class PolicyChecker {

  /** How a document is used: identity (role, policy), trust (assume-role) or resource-based. */
  enum Kind {
    IDENTITY,
    TRUST,
    RESOURCE
  }

  /**
   * {@code *} grants AWS documents as required: Step Functions' SageMaker {@code .sync}
   * integrations call ListTags on the job ("Resource": "*" in the integration's IAM policy page,
   * https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html).
   */
  private static final Set<String> DOCUMENTED_STAR = Set.of("sagemaker:listtags");

  /**
   * Service principals whose trust policies AWS tells to condition on aws:SourceAccount or
   * aws:SourceArn (cross-service confused deputy pages of Step Functions, Lambda and EventBridge
   * Scheduler).
   */
  private static final Set<String> CONFUSED_DEPUTY_SERVICES =
      Set.of("states.amazonaws.com", "lambda.amazonaws.com", "scheduler.amazonaws.com");

  private final Findings findings;

  PolicyChecker(Findings findings) {
    this.findings = findings;
  }

  void check(JsonNode document, Kind kind, String path) {
    JsonNode statements = document.path("Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    }
    for (int i = 0; i < list.size(); i++) {
      statement(list.get(i), kind, path + ".Statement[" + i + "]");
    }
  }

  private void statement(JsonNode statement, Kind kind, String path) {
    String effect = statement.path("Effect").asText();
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      findings.add(
          path + ".Effect", "iam.effect", "Effect must be Allow or Deny, not '" + effect + "'");
    }
    boolean notAction = statement.has("NotAction");
    Map<String, List<Action>> actions = new LinkedHashMap<>();
    List<String> patterns = strings(statement.path(notAction ? "NotAction" : "Action"));
    for (String pattern : patterns) {
      actions.put(pattern, expand(pattern, path + (notAction ? ".NotAction" : ".Action")));
    }
    conditions(statement, actions, path);
    if (kind == Kind.TRUST) {
      principals(statement, path);
      return;
    }
    if (notAction || statement.has("NotResource") || !statement.has("Resource")) {
      return;
    }
    resources(statement, effect, actions, path);
  }

  /** The reference's actions an action pattern names; empty (and a finding) when none. */
  private List<Action> expand(String pattern, String path) {
    if (pattern.equals("*")) {
      return List.of();
    }
    int colon = pattern.indexOf(':');
    if (colon < 0) {
      findings.add(path, "iam.unknown-action", "'" + pattern + "' is not service:Action");
      return List.of();
    }
    String prefix = pattern.substring(0, colon);
    Optional<IamService> service = IamService.of(prefix);
    if (service.isEmpty()) {
      findings.add(
          path,
          AwsModels.knownPrefix(prefix) ? "iam.service-not-vendored" : "iam.unknown-service",
          AwsModels.knownPrefix(prefix)
              ? "service prefix '"
                  + prefix
                  + "' is not vendored: add it to IAM_SERVICES in"
                  + " scripts/lib/refresh_aws_models.py and run scripts/refresh-aws-models"
              : "'" + prefix + "' is not an AWS service prefix (in '" + pattern + "')");
      return List.of();
    }
    List<Action> found = new ArrayList<>();
    for (String name : service.get().actions(pattern.substring(colon + 1))) {
      found.add(new Action(service.get(), name));
    }
    if (found.isEmpty()) {
      findings.add(path, "iam.unknown-action", "'" + pattern + "' matches no action of " + prefix);
    }
    return found;
  }

  private void conditions(JsonNode statement, Map<String, List<Action>> actions, String path) {
    JsonNode condition = statement.path("Condition");
    condition
        .fields()
        .forEachRemaining(
            operator -> {
              boolean ifExists = operator.getKey().endsWith("IfExists");
              operator
                  .getValue()
                  .fieldNames()
                  .forEachRemaining(
                      key ->
                          conditionKey(
                              key,
                              ifExists,
                              actions,
                              path + ".Condition." + operator.getKey() + "." + key));
            });
  }

  private void conditionKey(
      String key, boolean ifExists, Map<String, List<Action>> actions, String path) {
    if (ConditionKeys.isGlobal(key)) {
      return;
    }
    String prefix = key.contains(":") ? key.substring(0, key.indexOf(':')) : "";
    if (!prefix.equals("aws")) {
      Optional<IamService> service = IamService.of(prefix);
      if (service.isPresent() && !service.get().definesConditionKey(key)) {
        findings.add(path, "iam.unknown-condition-key", prefix + " has no condition key " + key);
        return;
      }
    } else if (!key.toLowerCase(Locale.ROOT)
        .matches("aws:(requesttag/.+|resourcetag/.+|tagkeys)")) {
      findings.add(path, "iam.unknown-condition-key", key + " is not a global condition key");
      return;
    }
    if (ifExists) {
      return; // absent key: the condition holds
    }
    for (List<Action> expanded : actions.values()) {
      for (Action action : expanded) {
        if (!ConditionKeys.appliesTo(key, action.service(), action.name())) {
          findings.add(
              path,
              "iam.condition-key-not-applicable",
              key
                  + " does not apply to "
                  + action
                  + " (neither the action nor its resource types list it), so the condition can"
                  + " never hold for it: the statement grants or denies it nothing");
        }
      }
    }
  }

  private void resources(
      JsonNode statement, String effect, Map<String, List<Action>> actions, String path) {
    List<String> resources = strings(statement.path("Resource"));
    boolean[] used = new boolean[resources.size()];
    for (Map.Entry<String, List<Action>> pattern : actions.entrySet()) {
      boolean patternGrants = pattern.getValue().isEmpty();
      List<String> reasons = new ArrayList<>();
      for (Action action : pattern.getValue()) {
        List<IamService.ResourceType> types = action.service().resourceTypes(action.name());
        boolean grants = false;
        for (int r = 0; r < resources.size(); r++) {
          String resource = resources.get(r);
          boolean fits =
              resource.equals("*")
                  || resource.contains(CfnResolver.UNRESOLVED) // cannot judge: assume it fits
                  || (!types.isEmpty()
                      && types.stream()
                          .anyMatch(t -> IamWildcard.overlaps(resource, t.arnFormat())));
          if (fits) {
            used[r] = true;
            grants = true;
          }
          if (resource.equals("*")
              && types.stream().anyMatch(IamService.ResourceType::required)
              && effect.equals("Allow")) {
            starGrant(statement, action, types, path + ".Resource[" + r + "]");
          }
        }
        if (types.isEmpty() && !resources.contains("*")) {
          grants = false;
          reasons.add(action + " has no resource-level permissions: only Resource \"*\" grants it");
        } else if (!grants) {
          reasons.add(action + " authorizes only " + formats(types));
        }
        patternGrants |= grants;
      }
      if (!patternGrants) {
        findings.add(
            path + ".Action",
            "iam.grants-nothing",
            "'"
                + pattern.getKey()
                + "' is "
                + (effect.equals("Allow") ? "granted" : "denied")
                + " on nothing: "
                + String.join("; ", reasons)
                + ", and the statement's resources are "
                + resources);
      }
    }
    boolean anyActions = actions.values().stream().anyMatch(l -> !l.isEmpty());
    for (int r = 0; r < resources.size(); r++) {
      if (!used[r] && anyActions) {
        findings.add(
            path + ".Resource[" + r + "]",
            "iam.resource-matches-no-type",
            "'"
                + resources.get(r)
                + "' fits no resource type of the statement's actions "
                + actions.keySet());
      }
    }
  }

  /** A "*" grant of an action that has resource-level permissions: documented or tag-scoped? */
  private void starGrant(
      JsonNode statement, Action action, List<IamService.ResourceType> types, String path) {
    if (DOCUMENTED_STAR.contains(action.toString().toLowerCase(Locale.ROOT))) {
      return;
    }
    boolean tagScoped = false;
    for (JsonNode operator : statement.path("Condition")) {
      for (var it = operator.fieldNames(); it.hasNext(); ) {
        String key = it.next().toLowerCase(Locale.ROOT);
        if ((key.contains(":resourcetag/") || key.startsWith("aws:requesttag/"))
            && ConditionKeys.appliesTo(key, action.service(), action.name())) {
          tagScoped = true;
        }
      }
    }
    if (!tagScoped) {
      findings.add(
          path,
          "iam.star-resource",
          action
              + " has resource-level permissions ("
              + formats(types)
              + ") but is granted on \"*\" without a tag condition");
    }
  }

  private void principals(JsonNode statement, String path) {
    List<String> services = strings(statement.path("Principal").path("Service"));
    for (String service : services) {
      String prefix =
          service.endsWith(".amazonaws.com") ? service.substring(0, service.indexOf('.')) : "";
      if (prefix.isEmpty() || !AwsModels.knownPrefix(prefix)) {
        findings.add(
            path + ".Principal.Service",
            "iam.unknown-service-principal",
            service + " is not a known AWS service principal");
      }
      if (CONFUSED_DEPUTY_SERVICES.contains(service)
          && statement.path("Effect").asText().equals("Allow")) {
        String condition = statement.path("Condition").toString().toLowerCase(Locale.ROOT);
        if (!condition.contains("aws:sourceaccount") && !condition.contains("aws:sourcearn")) {
          findings.add(
              path + ".Condition",
              "iam.confused-deputy",
              service
                  + " may assume this role for any account's resources: add an aws:SourceAccount or"
                  + " aws:SourceArn condition (AWS's cross-service confused deputy guidance)");
        }
      }
    }
  }

  private static String formats(List<IamService.ResourceType> types) {
    List<String> out = new ArrayList<>();
    for (IamService.ResourceType type : types) {
      out.add(type.name() + " " + type.arnFormat());
      if (out.size() == 4 && types.size() > 4) {
        out.add("… " + (types.size() - 4) + " more");
        break;
      }
    }
    return out.toString();
  }

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      out.add(node.asText());
    }
    return out;
  }

  /** An action of the reference, spelled as AWS spells it. */
  record Action(IamService service, String name) {
    @Override
    public String toString() {
      return service.prefix() + ":" + name;
    }
  }
}
