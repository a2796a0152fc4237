package io.classroomml.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.assertions.Template;

/**
 * The IAM statements of a template as the tests read them: each statement of every role's inline
 * policies, every {@code AWS::IAM::Policy} and every managed policy, with the roles it applies to,
 * its actions and its resources resolved to text ({@link #resolve}).
 */
final class Policies {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One statement.
   *
   * @param roles logical ids of the roles it applies to (empty for a managed policy)
   * @param effect Allow or Deny
   * @param actions its actions
   * @param resources its resources, intrinsics resolved
   * @param condition its Condition block (missing node if none)
   */
  record Statement(
      List<String> roles,
      String effect,
      List<String> actions,
      List<String> resources,
      JsonNode condition) {

    boolean allows(String action) {
      return effect.equals("Allow") && actions.contains(action);
    }
  }

  private Policies() {}

  /** Every statement of {@code template}. */
  static List<Statement> of(Template template) {
    List<Statement> statements = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
    for (Map.Entry<String, Object> e : resources.entrySet()) {
      JsonNode node = JSON.valueToTree(e.getValue());
      String type = node.path("Type").asText();
      JsonNode props = node.path("Properties");
      if (type.equals("AWS::IAM::Role")) {
        for (JsonNode policy : props.path("Policies")) {
          add(statements, List.of(e.getKey()), policy.path("PolicyDocument"));
        }
      } else if (type.equals("AWS::IAM::Policy")) {
        List<String> roles = new ArrayList<>();
        props.path("Roles").forEach(r -> roles.add(r.path("Ref").asText()));
        add(statements, roles, props.path("PolicyDocument"));
      } else if (type.equals("AWS::IAM::ManagedPolicy")) {
        add(statements, List.of(), props.path("PolicyDocument"));
      }
    }
    return statements;
  }

  /** Statements that apply to the role with logical id {@code role}. */
  static List<Statement> ofRole(Template template, String role) {
    return of(template).stream().filter(s -> s.roles().contains(role)).toList();
  }

  /** The logical id of the one role whose logical id starts with {@code prefix}. */
  static String role(Template template, String prefix) {
    List<String> ids =
        template.findResources("AWS::IAM::Role").keySet().stream()
            .filter(id -> id.startsWith(prefix))
            .toList();
    if (ids.size() != 1) {
      throw new AssertionError("roles starting with " + prefix + ": " + ids);
    }
    return ids.get(0);
  }

  /** Whether some Allow statement of {@code statements} grants {@code action} on {@code arn}. */
  static boolean grants(List<Statement> statements, String action, String arn) {
    return statements.stream()
        .anyMatch(s -> s.allows(action) && s.resources().stream().anyMatch(r -> matches(r, arn)));
  }

  /**
   * The logical id of the role of the state machine whose logical id starts with {@code prefix}.
   */
  static String stateMachineRole(Template template, String prefix) {
    for (Map.Entry<String, Map<String, Object>> e :
        template.findResources("AWS::StepFunctions::StateMachine").entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        JsonNode props = JSON.valueToTree(e.getValue()).path("Properties");
        return props.path("RoleArn").path("Fn::GetAtt").get(0).asText();
      }
    }
    throw new AssertionError("no state machine starts with " + prefix);
  }

  /**
   * Whether IAM's wildcards in {@code pattern} ({@code *} any run, {@code ?} one character) match.
   */
  static boolean matches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  private static void add(List<Statement> out, List<String> roles, JsonNode document) {
    for (JsonNode s : document.path("Statement")) {
      out.add(
          new Statement(
              roles,
              s.path("Effect").asText(),
              texts(s.path("Action")),
              resolved(s.path("Resource")),
              s.path("Condition")));
    }
  }

  /**
   * Text of a resource value: joins resolved, pseudo parameters by the test values, other
   * references as {@code <ref:Id>} (they name this stack's own resources) and any other intrinsic
   * as {@code <intrinsic>}; neither matches a name pattern.
   */
  @SuppressWarnings("unchecked")
  static String resolve(Object value) {
    if (value instanceof String s) {
      return s;
    }
    Map<String, Object> map = (Map<String, Object>) value;
    if (map.containsKey("Fn::Join")) {
      List<Object> join = (List<Object>) map.get("Fn::Join");
      List<String> parts = new ArrayList<>();
      for (Object part : (List<Object>) join.get(1)) {
        parts.add(resolve(part));
      }
      return String.join((String) join.get(0), parts);
    }
    if (map.containsKey("Ref")) {
      return switch ((String) map.get("Ref")) {
        case "AWS::Partition" -> "aws";
        case "AWS::Region" -> TestClassrooms.REGION;
        case "AWS::AccountId" -> TestClassrooms.ACCOUNT;
        case "AWS::URLSuffix" -> "amazonaws.com";
        default -> "<ref:" + map.get("Ref") + ">";
      };
    }
    if (map.containsKey("Fn::GetAtt")) {
      return "<ref:" + ((List<Object>) map.get("Fn::GetAtt")).get(0) + ">";
    }
    return "<intrinsic>";
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode()) {
      out.add(node.asText());
    }
    return out;
  }

  private static List<String> resolved(JsonNode node) {
    List<String> out = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else if (!node.isMissingNode()) {
      items.add(node);
    }
    for (JsonNode item : items) {
      out.add(resolve(JSON.convertValue(item, Object.class)));
    }
    return out;
  }
}
