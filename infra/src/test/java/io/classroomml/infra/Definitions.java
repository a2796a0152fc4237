package io.classroomml.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * Turns the state machines' {@code DefinitionString} ({@code Fn::Join} of text and references) into
 * the JSON Step Functions would see, with each reference replaced by a value of the right shape
 * (pseudo parameters by their test values, {@code Ref} by a name, {@code GetAtt} by an ARN).
 */
final class Definitions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Definitions() {}

  /** Logical id to resolved definition, for every state machine in {@code template}. */
  static Map<String, String> of(Template template) {
    Map<String, String> definitions = new LinkedHashMap<>();
    Map<String, Map<String, Object>> machines =
        template.findResources("AWS::StepFunctions::StateMachine");
    for (Map.Entry<String, Map<String, Object>> e : machines.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = (Map<String, Object>) e.getValue().get("Properties");
      definitions.put(e.getKey(), resolve(properties.get("DefinitionString")));
    }
    return definitions;
  }

  /** Parsed form of {@link #of}. */
  static Map<String, JsonNode> parsed(Template template) {
    Map<String, JsonNode> parsed = new LinkedHashMap<>();
    of(template)
        .forEach(
            (id, text) -> {
              try {
                parsed.put(id, JSON.readTree(text));
              } catch (java.io.IOException ex) {
                throw new AssertionError(id + " is not JSON: " + text, ex);
              }
            });
    return parsed;
  }

  /** The one state machine whose logical id starts with {@code prefix}. */
  static JsonNode named(Template template, String prefix) {
    return parsed(template).entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one state machine starts with " + prefix);
            })
        .orElseThrow(() -> new AssertionError("no state machine starts with " + prefix));
  }

  @SuppressWarnings("unchecked")
  static String resolve(Object value) {
    if (value instanceof String s) {
      return s;
    }
    Map<String, Object> map = (Map<String, Object>) value;
    if (map.containsKey("Fn::Join")) {
      List<Object> join = (List<Object>) map.get("Fn::Join");
      String separator = (String) join.get(0);
      StringBuilder out = new StringBuilder();
      List<Object> parts = (List<Object>) join.get(1);
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          out.append(separator);
        }
        out.append(resolve(parts.get(i)));
      }
      return out.toString();
    }
    if (map.containsKey("Ref")) {
      return switch ((String) map.get("Ref")) {
        case "AWS::Partition" -> "aws";
        case "AWS::Region" -> TestClassrooms.REGION;
        case "AWS::AccountId" -> TestClassrooms.ACCOUNT;
        case "AWS::URLSuffix" -> "amazonaws.com";
        default -> "ref-" + map.get("Ref").toString().toLowerCase();
      };
    }
    if (map.containsKey("Fn::GetAtt")) {
      List<Object> att = (List<Object>) map.get("Fn::GetAtt");
      return "arn:aws:iam::" + TestClassrooms.ACCOUNT + ":role/" + att.get(0);
    }
    throw new AssertionError("unexpected intrinsic in a definition: " + map);
  }
}
