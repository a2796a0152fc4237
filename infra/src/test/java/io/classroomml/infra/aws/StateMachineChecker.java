package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.ServiceModel;
import io.classroomml.testing.aws.ShapeValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a state machine definition on documented execution inputs, state by state, the way Step
 * Functions would (InputPath, Parameters with {@code .$} paths and intrinsics, ResultSelector,
 * ResultPath, OutputPath, Choice rules, Catch), and checks every Task that calls an AWS API: the
 * Parameters it would send, fully evaluated, against the operation's input shape, and its
 * ResultSelector paths against the (Describe) output shape. A {@code .$} path that does not exist
 * in the state's input is a finding: the execution would fail there.
 */
final class StateMachineChecker {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_VISITS = 3;

  private final Findings findings;
  private final String path;
  private final String arn;
  private final List<Call> calls = new ArrayList<>();

  /** An API call a Task makes, with the Parameters it sends (evaluated on one input). */
  record Call(String state, Integration integration, JsonNode parameters) {}

  /**
   * @param path where the definition is in the resource (for findings)
   * @param arn the state machine's ARN ({@code $$.StateMachine.Id})
   */
  StateMachineChecker(Findings findings, String path, String arn) {
    this.findings = findings;
    this.path = path;
    this.arn = arn;
  }

  /** The API calls the checked runs made, in order (for permission and isolation checks). */
  List<Call> calls() {
    return calls;
  }

  /** Checks {@code definition} on each of {@code inputs}. */
  void check(JsonNode definition, List<JsonNode> inputs) {
    for (JsonNode input : inputs) {
      ObjectNode context = NODES.objectNode();
      ObjectNode execution = context.putObject("Execution");
      execution.put("Id", arn.replace(":stateMachine:", ":execution:") + ":execution-0a1b2c3d");
      execution.put("Name", "execution-0a1b2c3d");
      execution.put("StartTime", "2026-01-01T00:00:00Z");
      execution.set("Input", input);
      context
          .putObject("StateMachine")
          .put("Id", arn)
          .put("Name", arn.substring(arn.lastIndexOf(':') + 1));
      context.putObject("Task").put("Token", "token");
      run(definition, definition.path("StartAt").asText(), input, context, new HashMap<>(), input);
    }
  }

  private void run(
      JsonNode definition,
      String name,
      JsonNode data,
      ObjectNode context,
      Map<String, Integer> visits,
      JsonNode executionInput) {
    while (name != null) {
      if (visits.merge(name, 1, Integer::sum) > MAX_VISITS) {
        return;
      }
      JsonNode state = definition.path("States").path(name);
      String at = path + ".States." + name;
      if (state.isMissingNode()) {
        findings.add(at, "sfn.unknown-state", "no state named " + name);
        return;
      }
      context.putObject("State").put("Name", name).put("EnteredTime", "2026-01-01T00:00:00Z");
      String type = state.path("Type").asText();
      JsonNode effective = inputPath(state, data, at, executionInput);
      switch (type) {
        case "Pass" -> {
          JsonNode result =
              state.has("Parameters")
                  ? template(
                      state.get("Parameters"),
                      effective,
                      context,
                      at + ".Parameters",
                      executionInput)
                  : state.has("Result") ? state.get("Result") : effective;
          data = output(state, data, result);
          name = next(state);
        }
        case "Task" -> {
          JsonNode result = task(state, effective, context, at, executionInput);
          for (JsonNode catcher : state.path("Catch")) {
            JsonNode error = NODES.objectNode().put("Error", "States.ALL").put("Cause", "cause");
            JsonNode caught =
                catcher.has("ResultPath") && catcher.get("ResultPath").isNull()
                    ? data
                    : JsonPath.write(data, catcher.path("ResultPath").asText("$"), error);
            run(
                definition,
                catcher.path("Next").asText(),
                caught,
                context.deepCopy(),
                new HashMap<>(visits),
                executionInput);
          }
          data = output(state, data, result);
          name = next(state);
        }
        case "Choice" -> {
          Optional<String> chosen = choose(state, effective);
          if (chosen.isEmpty()) {
            for (JsonNode choice : state.path("Choices")) {
              run(
                  definition,
                  choice.path("Next").asText(),
                  data,
                  context.deepCopy(),
                  new HashMap<>(visits),
                  executionInput);
            }
            name = state.path("Default").asText(null);
          } else {
            name = chosen.get();
          }
        }
        case "Fail" -> {
          for (String field : List.of("CausePath", "ErrorPath")) {
            if (state.has(field)) {
              value(
                  state.get(field).asText(), effective, context, at + "." + field, executionInput);
            }
          }
          name = null;
        }
        default -> { // Succeed, Wait, and Parallel/Map (not simulated: passed through)
          data = effective;
          name = next(state);
        }
      }
    }
  }

  private JsonNode task(
      JsonNode state, JsonNode input, ObjectNode context, String at, JsonNode executionInput) {
    JsonNode parameters =
        state.has("Parameters")
            ? template(state.get("Parameters"), input, context, at + ".Parameters", executionInput)
            : input;
    Optional<Integration> integration = Integration.parse(state.path("Resource").asText());
    if (integration.isEmpty()) {
      return NODES.objectNode(); // Lambda ARNs, activities: no AWS API shape to check against
    }
    Optional<ServiceModel> model = AwsModels.service(integration.get().service());
    if (model.isEmpty()) {
      findings.add(
          at + ".Resource",
          "sfn.service-not-vendored",
          "no vendored botocore model for "
              + integration.get().service()
              + ": add it to scripts/lib/refresh_aws_models.py");
      return NODES.objectNode();
    }
    Optional<String> operation = model.get().operation(integration.get().operation());
    if (operation.isEmpty()) {
      findings.add(
          at + ".Resource",
          "sfn.unknown-operation",
          integration.get().service() + " has no operation " + integration.get().operation());
      return NODES.objectNode();
    }
    if (!model.get().shapesVendored(operation.get())) {
      findings.add(
          at + ".Resource",
          "sfn.operation-not-vendored",
          "the shapes of "
              + operation.get()
              + " are trimmed from the vendored model: add it to"
              + " SAGEMAKER_OPERATIONS in scripts/lib/refresh_aws_models.py");
      return NODES.objectNode();
    }
    calls.add(new Call(at.substring(at.lastIndexOf('.') + 1), integration.get(), parameters));
    ObjectNode checked =
        parameters.isObject() ? ((ObjectNode) parameters).deepCopy() : NODES.objectNode();
    List<String> json = new ArrayList<>();
    checked
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (integration.get().acceptsJson(f)) {
                json.add(f);
              }
            });
    checked.remove(json);
    Optional<String> inputShape = model.get().input(operation.get());
    if (inputShape.isPresent()) {
      new ShapeValidator(model.get(), findings, false)
          .names(
              integration.get().sdk()
                  ? ShapeValidator.Names.PASCAL_CASE
                  : ShapeValidator.Names.AS_MODELLED)
          .validate(inputShape.get(), checked, at + ".Parameters");
    }
    Optional<String> resultOperation = model.get().operation(integration.get().resultOperation());
    JsonNode result =
        resultOperation
            .flatMap(model.get()::output)
            .filter(o -> model.get().json().path("shapes").has(o))
            .map(
                o ->
                    integration.get().sdk()
                        ? ShapeSample.pascalCase(model.get(), o)
                        : ShapeSample.of(model.get(), o))
            .orElse(NODES.objectNode());
    if (state.has("ResultSelector")) {
      result = template(state.get("ResultSelector"), result, context, at + ".ResultSelector", null);
    }
    return result;
  }

  /** Evaluates a Parameters / ResultSelector template: {@code "x.$"} fields become values. */
  private JsonNode template(
      JsonNode template, JsonNode input, ObjectNode context, String at, JsonNode executionInput) {
    if (template.isArray()) {
      var out = NODES.arrayNode();
      for (int i = 0; i < template.size(); i++) {
        out.add(template(template.get(i), input, context, at + "[" + i + "]", executionInput));
      }
      return out;
    }
    if (!template.isObject()) {
      return template;
    }
    ObjectNode out = NODES.objectNode();
    template
        .fields()
        .forEachRemaining(
            e -> {
              String key = e.getKey();
              if (key.endsWith(".$")) {
                String member = key.substring(0, key.length() - 2);
                out.set(
                    member,
                    value(
                        e.getValue().asText(), input, context, at + "." + member, executionInput));
              } else {
                out.set(
                    key, template(e.getValue(), input, context, at + "." + key, executionInput));
              }
            });
    return out;
  }

  /** A {@code .$} value: a path into the input or context, or an intrinsic function call. */
  private JsonNode value(
      String expression, JsonNode input, ObjectNode context, String at, JsonNode executionInput) {
    try {
      return Intrinsics.evaluate(expression, p -> read(p, input, context));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      findings.add(
          at,
          "sfn.path",
          "'"
              + expression
              + "' fails"
              + (executionInput == null
                  ? " on the API's output shape"
                  : " when the execution input is " + executionInput)
              + ": "
              + e.getMessage());
      return TextNode.valueOf(CfnResolver.UNRESOLVED + expression + "}}");
    }
  }

  private static JsonNode read(String path, JsonNode input, ObjectNode context) {
    boolean ctx = path.startsWith("$$");
    String p = ctx ? path.substring(1) : path;
    return JsonPath.read(ctx ? context : input, p)
        .orElseThrow(() -> new IllegalArgumentException("path " + path + " does not exist"));
  }

  private JsonNode inputPath(JsonNode state, JsonNode data, String at, JsonNode executionInput) {
    if (!state.has("InputPath")) {
      return data;
    }
    if (state.get("InputPath").isNull()) {
      return NODES.objectNode();
    }
    Optional<JsonNode> value = JsonPath.read(data, state.get("InputPath").asText());
    if (value.isEmpty()) {
      findings.add(
          at + ".InputPath",
          "sfn.path",
          state.get("InputPath").asText() + " does not exist when the input is " + executionInput);
      return NODES.objectNode();
    }
    return value.get();
  }

  private static JsonNode output(JsonNode state, JsonNode data, JsonNode result) {
    JsonNode out;
    if (state.has("ResultPath") && state.get("ResultPath").isNull()) {
      out = data;
    } else {
      out = JsonPath.write(data, state.path("ResultPath").asText("$"), result);
    }
    if (state.has("OutputPath")) {
      out =
          state.get("OutputPath").isNull()
              ? NODES.objectNode()
              : JsonPath.read(out, state.get("OutputPath").asText()).orElse(NODES.objectNode());
    }
    return out;
  }

  private static String next(JsonNode state) {
    return state.path("End").asBoolean() ? null : state.path("Next").asText(null);
  }

  /** The Choice's next state for rules the checker can evaluate; empty for the others. */
  private static Optional<String> choose(JsonNode state, JsonNode input) {
    for (JsonNode rule : state.path("Choices")) {
      Optional<Boolean> holds = holds(rule, input);
      if (holds.isEmpty()) {
        return Optional.empty();
      }
      if (holds.get()) {
        return Optional.of(rule.path("Next").asText());
      }
    }
    return Optional.ofNullable(state.path("Default").asText(null));
  }

  private static Optional<Boolean> holds(JsonNode rule, JsonNode input) {
    if (rule.has("Not")) {
      return holds(rule.get("Not"), input).map(b -> !b);
    }
    if (!rule.has("Variable")) {
      return Optional.empty();
    }
    Optional<JsonNode> value = JsonPath.read(input, rule.get("Variable").asText());
    if (rule.has("IsPresent")) {
      return Optional.of(value.isPresent() == rule.get("IsPresent").asBoolean());
    }
    if (rule.has("StringEquals")) {
      return Optional.of(
          value.map(v -> v.asText().equals(rule.get("StringEquals").asText())).orElse(false));
    }
    if (rule.has("BooleanEquals")) {
      return Optional.of(
          value.map(v -> v.asBoolean() == rule.get("BooleanEquals").asBoolean()).orElse(false));
    }
    return Optional.empty();
  }
}
