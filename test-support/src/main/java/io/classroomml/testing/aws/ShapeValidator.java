package io.classroomml.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.classroomml.contract.DidYouMean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a JSON value against a botocore shape the way the service's request validation would:
 * unknown and missing required members, types, enums, lengths, ranges and patterns. Patterns are
 * applied to the whole value ({@link java.util.regex.Matcher#matches}): services validate names
 * such as TrainingJobName against the whole string (the API reference shows {@code
 * ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}), but botocore dropped most anchors in May 2025 (botocore
 * commit 4637d4db0), so a substring search would let {@code -alice} pass. Patterns Java cannot
 * compile are skipped (none of the vendored ones). In lenient mode (CloudFormation properties,
 * which CloudFormation converts, and query-protocol requests, whose values are all text) numbers
 * and booleans written as strings are accepted. Strings containing {@link #UNRESOLVED} stand for
 * values the caller could not work out (a CloudFormation reference) and are skipped.
 *
 * <p>The one checker of requests against AWS's models: infra's template checks (CloudFormation
 * properties, Step Functions' SDK integrations, the teardown's boto3 calls) and, through {@link
 * SdkRequestChecker}, every request the project's AWS SDK clients send in tests.
 */
public final class ShapeValidator {

  /** What a value the caller could not resolve starts with; such values are not checked. */
  public static final String UNRESOLVED = "{{unresolved ";

  /** Where each finding goes: where in the value, a stable rule id, and what is wrong. */
  @FunctionalInterface
  public interface Sink {

    /**
     * Adds one finding.
     *
     * @param path where in the value, e.g. {@code StoppingCondition.MaxRuntimeInSeconds}
     * @param rule a stable rule id, e.g. {@code shape.pattern}
     * @param message what is wrong, in words
     */
    void add(String path, String rule, String message);
  }

  /**
   * How request member names are spelled: as botocore models them, in PascalCase (Step Functions'
   * AWS SDK integrations: "Parameters in Step Functions are expressed in PascalCase", even for
   * camelCase APIs such as Step Functions' own), or either (Scheduler's universal targets).
   */
  public enum Names {
    AS_MODELLED,
    PASCAL_CASE,
    EITHER
  }

  private final ServiceModel model;
  private final Sink findings;
  private final boolean lenient;
  private Names names = Names.AS_MODELLED;

  /** The same validator with member names spelled {@code names}. */
  public ShapeValidator names(Names names) {
    this.names = names;
    return this;
  }

  /**
   * A validator against {@code model}'s shapes.
   *
   * @param findings where findings go
   * @param lenient whether numbers and booleans may be written as strings
   */
  public ShapeValidator(ServiceModel model, Sink findings, boolean lenient) {
    this.model = model;
    this.findings = findings;
    this.lenient = lenient;
  }

  /** Validates {@code value} at {@code path} against shape {@code shapeName}. */
  public void validate(String shapeName, JsonNode value, String path) {
    if (isUnresolved(value)) {
      return;
    }
    JsonNode shape = model.shape(shapeName);
    switch (shape.path("type").asText()) {
      case "structure" -> structure(shapeName, shape, value, path);
      case "list" -> list(shape, value, path);
      case "map" -> map(shape, value, path);
      case "string" -> string(shapeName, shape, value, path);
      case "integer", "long" -> number(shapeName, shape, value, path, true);
      case "float", "double" -> number(shapeName, shape, value, path, false);
      case "boolean" -> bool(value, path);
      case "timestamp" -> {
        if (!value.isTextual() && !value.isNumber()) {
          type(path, "a timestamp", value);
        }
      }
      case "blob" -> {
        if (!value.isTextual()) {
          type(path, "a blob (string)", value);
        }
      }
      default -> {
        // document and other open shapes: anything goes
      }
    }
  }

  /** Whether {@code value} stands for one the caller could not resolve ({@link #UNRESOLVED}). */
  public static boolean isUnresolved(JsonNode value) {
    return value.isTextual() && value.asText().contains(UNRESOLVED);
  }

  private void structure(String name, JsonNode shape, JsonNode value, String path) {
    if (!value.isObject()) {
      type(path, "an object (" + name + ")", value);
      return;
    }
    JsonNode members = shape.path("members");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      String member = member(members, key);
      if (member == null) {
        findings.add(
            join(path, key),
            "shape.unknown-member",
            name + " has no member '" + key + "'" + suggestion(members, key));
        continue;
      }
      if (names == Names.PASCAL_CASE && !key.equals(pascal(member))) {
        findings.add(
            join(path, key),
            "shape.member-case",
            "Step Functions' AWS SDK integrations take PascalCase names: write '"
                + pascal(member)
                + "'");
      }
      validate(members.get(member).path("shape").asText(), field.getValue(), join(path, key));
    }
    for (JsonNode required : shape.path("required")) {
      String member = required.asText();
      boolean present =
          value.has(member) || (names != Names.AS_MODELLED && value.has(pascal(member)));
      if (!present) {
        findings.add(
            join(path, names == Names.AS_MODELLED ? member : pascal(member)),
            "shape.missing-required",
            name + " requires member '" + member + "'");
      }
    }
    if (shape.path("union").asBoolean() && value.size() != 1) {
      findings.add(
          path, "shape.union", name + " is a union: set exactly one member, not " + value.size());
    }
  }

  /** The modelled member a request key names, or null. */
  private String member(JsonNode members, String key) {
    if (members.has(key)) {
      return key;
    }
    if (names != Names.AS_MODELLED) {
      for (Iterator<String> it = members.fieldNames(); it.hasNext(); ) {
        String member = it.next();
        if (pascal(member).equals(key)) {
          return member;
        }
      }
    }
    return null;
  }

  /** {@code member} as Step Functions' SDK integrations spell it: first letter upper-case. */
  public static String pascal(String member) {
    return member.isEmpty()
        ? member
        : Character.toUpperCase(member.charAt(0)) + member.substring(1);
  }

  private void list(JsonNode shape, JsonNode value, String path) {
    if (!value.isArray()) {
      type(path, "a list", value);
      return;
    }
    length(shape, value.size(), path, "items");
    for (int i = 0; i < value.size(); i++) {
      validate(shape.path("member").path("shape").asText(), value.get(i), path + "[" + i + "]");
    }
  }

  private void map(JsonNode shape, JsonNode value, String path) {
    if (!value.isObject()) {
      type(path, "a map (object)", value);
      return;
    }
    length(shape, value.size(), path, "entries");
    value
        .fields()
        .forEachRemaining(
            e -> {
              validate(
                  shape.path("key").path("shape").asText(),
                  TextNode.valueOf(e.getKey()),
                  join(path, e.getKey()) + " (key)");
              validate(
                  shape.path("value").path("shape").asText(), e.getValue(), join(path, e.getKey()));
            });
  }

  private void string(String name, JsonNode shape, JsonNode value, String path) {
    if (!value.isTextual() && !(lenient && value.isValueNode() && !value.isNull())) {
      type(path, "a string (" + name + ")", value);
      return;
    }
    String text = value.asText();
    if (shape.has("enum")) {
      List<String> allowed = new ArrayList<>();
      shape.path("enum").forEach(v -> allowed.add(v.asText()));
      if (!allowed.contains(text)) {
        findings.add(
            path, "shape.enum", "'" + text + "' is not one of " + name + "'s values " + allowed);
      }
    }
    length(shape, text.codePointCount(0, text.length()), path, "characters");
    if (shape.has("pattern")) {
      String regex = shape.path("pattern").asText();
      try {
        if (!Pattern.compile(regex).matcher(text).matches()) {
          findings.add(
              path,
              "shape.pattern",
              "'" + text + "' does not match " + name + "'s pattern " + regex);
        }
      } catch (PatternSyntaxException e) {
        // an ECMAScript construct Java lacks: not checked
      }
    }
  }

  private void number(String name, JsonNode shape, JsonNode value, String path, boolean whole) {
    double number;
    if (value.isNumber() && (!whole || value.isIntegralNumber() || value.asDouble() % 1 == 0)) {
      number = value.asDouble();
    } else if (lenient && value.isTextual() && value.asText().matches("-?[0-9]+(\\.[0-9]+)?")) {
      number = Double.parseDouble(value.asText());
    } else {
      type(path, (whole ? "a whole number (" : "a number (") + name + ")", value);
      return;
    }
    if (shape.has("min") && number < shape.path("min").asDouble()) {
      findings.add(
          path, "shape.range", number + " is below " + name + "'s minimum " + shape.path("min"));
    }
    if (shape.has("max") && number > shape.path("max").asDouble()) {
      findings.add(
          path, "shape.range", number + " is above " + name + "'s maximum " + shape.path("max"));
    }
  }

  private void bool(JsonNode value, String path) {
    boolean ok =
        value.isBoolean() || (lenient && value.isTextual() && value.asText().matches("true|false"));
    if (!ok) {
      type(path, "a boolean", value);
    }
  }

  private void length(JsonNode shape, int length, String path, String unit) {
    if (shape.has("min") && length < shape.path("min").asLong()) {
      findings.add(
          path,
          "shape.length",
          length + " " + unit + ", fewer than the minimum " + shape.path("min"));
    }
    if (shape.has("max") && length > shape.path("max").asLong()) {
      findings.add(
          path,
          "shape.length",
          length + " " + unit + ", more than the maximum " + shape.path("max"));
    }
  }

  private void type(String path, String expected, JsonNode value) {
    findings.add(path, "shape.type", "expected " + expected + ", got " + value);
  }

  private static String suggestion(JsonNode members, String member) {
    List<String> names = new ArrayList<>();
    members.fieldNames().forEachRemaining(names::add);
    return DidYouMean.hint(member, names);
  }

  private static String join(String path, String member) {
    return path.isEmpty() ? member : path + "." + member;
  }
}
