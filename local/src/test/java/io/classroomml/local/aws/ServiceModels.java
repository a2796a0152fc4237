package io.classroomml.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * AWS's botocore service models, vendored under infra's test resources (see the README there) and
 * found through the {@code classroom.aws.models} property local/pom.xml sets, and a compact check
 * of a request or response body against an operation's input or output shape: unknown and missing
 * required members, types, enums, lengths, ranges and patterns (botocore patterns are not anchored:
 * {@code find}). The infra module's {@code ShapeValidator} checks templates the same way; this copy
 * is the part a client's requests need, since local cannot depend on infra's tests.
 */
final class ServiceModels {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> MODELS = new ConcurrentHashMap<>();

  private ServiceModels() {}

  /** botocore's {@code service-2.json} of {@code service} (botocore's name, e.g. stepfunctions). */
  static JsonNode model(String service) {
    return MODELS.computeIfAbsent(
        service,
        s -> {
          String dir = System.getProperty("classroom.aws.models");
          if (dir == null) {
            throw new IllegalStateException(
                "classroom.aws.models is not set: run the tests with Maven (local/pom.xml sets it)");
          }
          try {
            return JSON.readTree(Files.readString(Path.of(dir, s + ".json")));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vendored model of " + s, e);
          }
        });
  }

  /** The findings for {@code body} as the input (or output) of {@code operation}. */
  static List<String> check(String service, String operation, JsonNode body, boolean input) {
    JsonNode model = model(service);
    JsonNode op = model.path("operations").path(operation);
    List<String> findings = new ArrayList<>();
    if (op.isMissingNode()) {
      findings.add(service + " has no operation " + operation);
      return findings;
    }
    String shape = op.path(input ? "input" : "output").path("shape").asText("");
    if (shape.isEmpty()) {
      return findings;
    }
    new Checker(model.path("shapes"), findings).check(shape, body, operation);
    return findings;
  }

  /** The shape of member {@code member} of {@code operation}'s input, or null. */
  static String inputMemberShape(String service, String operation, String member) {
    JsonNode model = model(service);
    String input = model.path("operations").path(operation).path("input").path("shape").asText();
    JsonNode m = model.path("shapes").path(input).path("members").path(member);
    return m.isMissingNode() ? null : m.path("shape").asText();
  }

  /** The required members of {@code operation}'s input. */
  static List<String> requiredInputMembers(String service, String operation) {
    JsonNode model = model(service);
    String input = model.path("operations").path(operation).path("input").path("shape").asText();
    List<String> required = new ArrayList<>();
    model.path("shapes").path(input).path("required").forEach(r -> required.add(r.asText()));
    return required;
  }

  /** Checks a string value against a named string shape (query protocol parameters). */
  static List<String> checkString(String service, String shape, String value, String path) {
    List<String> findings = new ArrayList<>();
    new Checker(model(service).path("shapes"), findings)
        .check(shape, TextNode.valueOf(value), path);
    return findings;
  }

  private record Checker(JsonNode shapes, List<String> findings) {

    void check(String name, JsonNode value, String path) {
      JsonNode shape = shapes.path(name);
      if (shape.isMissingNode()) {
        findings.add(path + ": the model lacks shape " + name + " (a trimmed model: refresh it)");
        return;
      }
      switch (shape.path("type").asText()) {
        case "structure" -> {
          if (!value.isObject()) {
            findings.add(path + ": expected an object (" + name + "), got " + value);
            return;
          }
          value
              .fields()
              .forEachRemaining(
                  f -> {
                    JsonNode member = shape.path("members").path(f.getKey());
                    if (member.isMissingNode()) {
                      findings.add(path + "." + f.getKey() + ": " + name + " has no such member");
                    } else if (!f.getValue().isNull()) {
                      check(member.path("shape").asText(), f.getValue(), path + "." + f.getKey());
                    }
                  });
          shape
              .path("required")
              .forEach(
                  r -> {
                    if (!value.has(r.asText())) {
                      findings.add(path + "." + r.asText() + ": required by " + name);
                    }
                  });
        }
        case "list" -> {
          if (!value.isArray()) {
            findings.add(path + ": expected a list, got " + value);
            return;
          }
          length(shape, value.size(), path);
          for (int i = 0; i < value.size(); i++) {
            check(shape.path("member").path("shape").asText(), value.get(i), path + "[" + i + "]");
          }
        }
        case "map" -> {
          if (!value.isObject()) {
            findings.add(path + ": expected a map, got " + value);
            return;
          }
          value
              .fields()
              .forEachRemaining(
                  f -> {
                    check(
                        shape.path("key").path("shape").asText(),
                        TextNode.valueOf(f.getKey()),
                        path + " key");
                    check(
                        shape.path("value").path("shape").asText(),
                        f.getValue(),
                        path + "." + f.getKey());
                  });
        }
        case "string" -> {
          if (!value.isTextual()) {
            findings.add(path + ": expected a string (" + name + "), got " + value);
            return;
          }
          String text = value.asText();
          if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.path("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(text)) {
              findings.add(path + ": '" + text + "' is not one of " + allowed);
            }
          }
          length(shape, text.codePointCount(0, text.length()), path);
          if (shape.has("pattern")) {
            try {
              if (!Pattern.compile(shape.path("pattern").asText()).matcher(text).find()) {
                findings.add(
                    path + ": '" + text + "' does not match " + shape.path("pattern").asText());
              }
            } catch (PatternSyntaxException e) {
              // an ECMAScript pattern Java cannot compile: not checked
            }
          }
        }
        case "integer", "long" -> {
          if (!value.isIntegralNumber()) {
            findings.add(path + ": expected a whole number (" + name + "), got " + value);
            return;
          }
          range(shape, value.asDouble(), path);
        }
        case "float", "double" -> {
          if (!value.isNumber()) {
            findings.add(path + ": expected a number (" + name + "), got " + value);
            return;
          }
          range(shape, value.asDouble(), path);
        }
        case "boolean" -> {
          if (!value.isBoolean()) {
            findings.add(path + ": expected a boolean, got " + value);
          }
        }
        case "timestamp" -> {
          if (!value.isNumber()) {
            findings.add(path + ": expected epoch seconds (JSON protocols), got " + value);
          }
        }
        case "blob" -> {
          if (!value.isTextual()) {
            findings.add(path + ": expected base64 text, got " + value);
          }
        }
        default -> {
          // documents: anything
        }
      }
    }

    private void length(JsonNode shape, int length, String path) {
      if (shape.has("min") && length < shape.path("min").asLong()) {
        findings.add(path + ": length " + length + " below the minimum " + shape.path("min"));
      }
      if (shape.has("max") && length > shape.path("max").asLong()) {
        findings.add(path + ": length " + length + " above the maximum " + shape.path("max"));
      }
    }

    private void range(JsonNode shape, double number, String path) {
      if (shape.has("min") && number < shape.path("min").asDouble()) {
        findings.add(path + ": " + number + " below the minimum " + shape.path("min"));
      }
      if (shape.has("max") && number > shape.path("max").asDouble()) {
        findings.add(path + ": " + number + " above the maximum " + shape.path("max"));
      }
    }
  }
}
