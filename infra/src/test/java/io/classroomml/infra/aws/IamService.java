package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service of the IAM Service Authorization Reference: its actions, the resource types each
 * action authorizes (with their ARN formats) and the condition keys that apply.
 */
final class IamService {

  private static final Map<String, Optional<IamService>> SERVICES = new ConcurrentHashMap<>();

  private final String prefix;
  private final JsonNode json;

  IamService(String prefix, JsonNode json) {
    this.prefix = prefix;
    this.json = json;
  }

  /**
   * The reference of service prefix {@code prefix} (vendored with the botocore models, {@link
   * AwsModels#iamReference}), if vendored; loaded once per JVM.
   */
  static Optional<IamService> of(String prefix) {
    return SERVICES.computeIfAbsent(
        prefix.toLowerCase(Locale.ROOT),
        p -> AwsModels.iamReference(p).map(json -> new IamService(p, json)));
  }

  String prefix() {
    return prefix;
  }

  /** Action names (as AWS spells them) matching {@code pattern} (the part after the colon). */
  List<String> actions(String pattern) {
    List<String> names = new ArrayList<>();
    json.path("actions")
        .forEach(
            a -> {
              if (IamWildcard.matchesAction(pattern, a.path("name").asText())) {
                names.add(a.path("name").asText());
              }
            });
    return names;
  }

  /** The resource types action {@code action} authorizes; empty: no resource-level permissions. */
  List<ResourceType> resourceTypes(String action) {
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode ref : action(action).path("resourceTypes")) {
      String name = ref.path("name").asText();
      JsonNode type = json.path("resourceTypes").path(name);
      if (type.isMissingNode()) {
        continue; // a reference to another service's type (e.g. iam role for iam:PassRole)
      }
      Set<String> keys = new LinkedHashSet<>();
      ref.path("conditionKeys").forEach(k -> keys.add(k.asText()));
      type.path("conditionKeys").forEach(k -> keys.add(k.asText()));
      types.add(
          new ResourceType(
              name, type.path("arn").asText(), ref.path("required").asBoolean(), Set.copyOf(keys)));
    }
    return types;
  }

  /** Condition keys of the action itself (request-level ones such as aws:RequestTag/...). */
  Set<String> actionConditionKeys(String action) {
    Set<String> keys = new LinkedHashSet<>();
    action(action).path("conditionKeys").forEach(k -> keys.add(k.asText()));
    return keys;
  }

  /**
   * Whether this service defines condition key {@code key} (templates such as ${TagKey} expanded).
   */
  boolean definesConditionKey(String key) {
    for (Iterator<JsonNode> it = json.path("conditionKeys").elements(); it.hasNext(); ) {
      if (ConditionKeys.matchesTemplate(it.next().path("key").asText(), key)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode action(String action) {
    return json.path("actions").path(action.toLowerCase(Locale.ROOT));
  }

  /**
   * A resource type with its ARN format, whether the action requires it (the reference's asterisk)
   * and the condition keys that apply through it.
   */
  record ResourceType(String name, String arnFormat, boolean required, Set<String> conditionKeys) {}
}
