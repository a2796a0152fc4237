package io.classroomml.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks requests the AWS SDK v2 marshalled (captured at its HTTP layer) against the vendored
 * botocore model of their service, and the answers a test gives back against the output shapes, so
 * that tests of code calling AWS neither send what AWS would refuse nor rely on answers AWS would
 * never give. JSON-protocol requests are read from {@code X-Amz-Target} and the JSON body; query
 * requests from the form body ({@code Action}, {@code Version}, flattened members). The shapes are
 * checked by {@link ShapeValidator}, the checker infra's template checks use too. Each problem
 * reads {@code <service> <operation> <path> [<rule>] <message>}.
 */
public final class SdkRequestChecker {

  /**
   * A request, as checked: the botocore operation it calls and its input as JSON.
   *
   * @param operation e.g. {@code GetParameter}
   * @param input the request's members
   */
  public record Call(String operation, JsonNode input) {}

  private SdkRequestChecker() {}

  /**
   * Reads and checks one request.
   *
   * @param service botocore's service name, e.g. {@code ssm}
   * @param target the {@code X-Amz-Target} header, if any
   * @param body the request body
   * @param problems where each disagreement with the model goes, in words
   * @return the call, when its operation could be read
   */
  public static Optional<Call> check(
      String service, Optional<String> target, String body, List<String> problems) {
    Optional<ServiceModel> found = AwsModels.service(service);
    if (found.isEmpty()) {
      problems.add("no vendored botocore model for " + service + " (see aws-models/README.md)");
      return Optional.empty();
    }
    ServiceModel model = found.get();
    JsonNode metadata = model.json().path("metadata");
    String protocol = metadata.path("protocol").asText();
    String operation;
    JsonNode input;
    if (protocol.equals("json")) {
      String prefix = metadata.path("targetPrefix").asText();
      if (target.isEmpty() || !target.get().startsWith(prefix + ".")) {
        problems.add(
            service
                + ": X-Amz-Target "
                + target.orElse("(none)")
                + " is not "
                + prefix
                + ".<Operation>");
        return Optional.empty();
      }
      operation = target.get().substring(prefix.length() + 1);
      try {
        input = body.isEmpty() ? AwsModels.JSON.createObjectNode() : AwsModels.JSON.readTree(body);
      } catch (IOException e) {
        problems.add(service + " " + operation + ": the body is not JSON: " + body);
        return Optional.empty();
      }
    } else if (protocol.equals("query")) {
      Map<String, String> form = form(body);
      operation = form.remove("Action");
      String version = form.remove("Version");
      if (operation == null) {
        problems.add(service + ": a query request without Action: " + body);
        return Optional.empty();
      }
      if (!metadata.path("apiVersion").asText().equals(version)) {
        problems.add(
            service
                + " "
                + operation
                + ": Version "
                + version
                + ", the model's is "
                + metadata.path("apiVersion").asText());
      }
      input = unflatten(form);
    } else {
      problems.add(service + ": protocol " + protocol + " is not read by this checker");
      return Optional.empty();
    }
    Optional<String> name = model.operation(operation);
    if (name.isEmpty() || !name.get().equals(operation)) {
      problems.add(service + ": no operation " + operation);
      return Optional.empty();
    }
    Optional<String> shape = model.input(operation);
    if (!model.shapesVendored(operation)) {
      problems.add(
          service
              + " "
              + operation
              + ": the trimmed model lacks its input shape (see aws-models/README.md: refresh it)");
    } else if (shape.isPresent()) {
      new ShapeValidator(model, sink(service, operation, problems), protocol.equals("query"))
          .validate(shape.get(), input, "");
    } else if (input.size() > 0) {
      problems.add(service + " " + operation + " takes no input, got " + input);
    }
    return Optional.of(new Call(operation, input));
  }

  /**
   * Checks an answer a test gives for {@code operation} against its output shape.
   *
   * @param problems where each disagreement goes
   */
  public static void checkOutput(
      String service, String operation, JsonNode output, List<String> problems) {
    ServiceModel model = AwsModels.service(service).orElseThrow();
    model
        .output(operation)
        .ifPresent(
            shape ->
                new ShapeValidator(model, sink(service, operation + " output", problems), false)
                    .validate(shape, output, ""));
  }

  /** Findings as problems: {@code <service> <operation> <path> [<rule>] <message>}. */
  private static ShapeValidator.Sink sink(String service, String operation, List<String> problems) {
    return (path, rule, message) ->
        problems.add(service + " " + operation + " " + path + " [" + rule + "] " + message);
  }

  /** Whether {@code error} is one of the errors the model lists for {@code operation}. */
  public static boolean declaresError(String service, String operation, String error) {
    JsonNode errors =
        AwsModels.service(service)
            .orElseThrow()
            .json()
            .path("operations")
            .path(operation)
            .path("errors");
    for (JsonNode e : errors) {
      if (e.path("shape").asText().equals(error)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new TreeMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }

  /** {@code A.member.1=x&B.C=y} as {@code {"A": ["x"], "B": {"C": "y"}}}. */
  private static JsonNode unflatten(Map<String, String> form) {
    ObjectNode root = AwsModels.JSON.createObjectNode();
    for (Map.Entry<String, String> e : form.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      JsonNode node = root;
      for (int i = 0; i < parts.length; i++) {
        boolean last = i == parts.length - 1;
        if (parts[i].equals("member") && i + 1 < parts.length) {
          continue;
        }
        if (node instanceof ArrayNode array) {
          int index = Integer.parseInt(parts[i]) - 1;
          while (array.size() <= index) {
            array.add(last ? AwsModels.JSON.nullNode() : AwsModels.JSON.createObjectNode());
          }
          if (last) {
            array.set(index, AwsModels.JSON.getNodeFactory().textNode(e.getValue()));
          }
          node = array.get(index);
        } else {
          ObjectNode object = (ObjectNode) node;
          boolean list = i + 1 < parts.length && parts[i + 1].equals("member");
          if (last) {
            object.put(parts[i], e.getValue());
          } else if (!object.has(parts[i])) {
            node = list ? object.putArray(parts[i]) : object.putObject(parts[i]);
          } else {
            node = object.get(parts[i]);
          }
        }
      }
    }
    return root;
  }
}
