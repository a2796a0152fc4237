package io.classroomml.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;

/**
 * One botocore {@code service-2.json}: operations and their input and output shapes. A trimmed
 * model (SageMaker) lists every operation but keeps only some operations' shapes; {@link
 * #shapesVendored} tells the two apart so a finding can say "refresh the models" rather than "no
 * such operation".
 *
 * @param name botocore's service name, e.g. {@code sagemaker}
 * @param json the whole {@code service-2.json}
 */
public record ServiceModel(String name, JsonNode json) {

  /**
   * The operation named {@code operation}, matched case-insensitively (Step Functions camel-cases
   * it).
   */
  public Optional<String> operation(String operation) {
    for (Iterator<String> it = json.path("operations").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.equalsIgnoreCase(operation)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** Input shape name of an operation (from {@link #operation}), if it takes one. */
  public Optional<String> input(String operation) {
    return text(json.path("operations").path(operation).path("input").path("shape"));
  }

  /** Output shape name of an operation, if it returns one. */
  public Optional<String> output(String operation) {
    return text(json.path("operations").path(operation).path("output").path("shape"));
  }

  /** Whether the input shape of {@code operation} is vendored (a trimmed model drops some). */
  public boolean shapesVendored(String operation) {
    return input(operation).map(s -> json.path("shapes").has(s)).orElse(true);
  }

  /** The shape named {@code name}; a missing one is an error in the model or a trimmed model. */
  public JsonNode shape(String name) {
    JsonNode shape = json.path("shapes").path(name);
    if (shape.isMissingNode()) {
      throw new IllegalStateException(this.name + " has no shape " + name);
    }
    return shape;
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
