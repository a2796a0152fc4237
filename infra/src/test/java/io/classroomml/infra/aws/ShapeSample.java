package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.testing.aws.ServiceModel;
import io.classroomml.testing.aws.ShapeValidator;

/**
 * A representative value of a botocore shape with every member present (one item per list, one
 * entry per map, depth-limited for recursive shapes): what a Task's result looks like when the
 * checker follows ResultSelector and ResultPath into later states.
 */
final class ShapeSample {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 8;

  private ShapeSample() {}

  static JsonNode of(ServiceModel model, String shapeName) {
    return sample(model, shapeName, 0, false);
  }

  /** With member names in PascalCase, as Step Functions' AWS SDK integrations return them. */
  static JsonNode pascalCase(ServiceModel model, String shapeName) {
    return sample(model, shapeName, 0, true);
  }

  private static JsonNode sample(ServiceModel model, String name, int depth, boolean pascal) {
    JsonNode shape = model.shape(name);
    switch (shape.path("type").asText()) {
      case "structure":
        {
          ObjectNode out = NODES.objectNode();
          if (depth < MAX_DEPTH) {
            shape
                .path("members")
                .fields()
                .forEachRemaining(
                    m ->
                        out.set(
                            pascal ? ShapeValidator.pascal(m.getKey()) : m.getKey(),
                            sample(model, m.getValue().path("shape").asText(), depth + 1, pascal)));
          }
          return out;
        }
      case "list":
        {
          ArrayNode out = NODES.arrayNode();
          if (depth < MAX_DEPTH) {
            out.add(sample(model, shape.path("member").path("shape").asText(), depth + 1, pascal));
          }
          return out;
        }
      case "map":
        {
          ObjectNode out = NODES.objectNode();
          if (depth < MAX_DEPTH) {
            out.set(
                "key",
                sample(model, shape.path("value").path("shape").asText(), depth + 1, pascal));
          }
          return out;
        }
      case "integer", "long":
        return NODES.numberNode(1);
      case "float", "double":
        return NODES.numberNode(1.5);
      case "boolean":
        return NODES.booleanNode(true);
      case "timestamp":
        return NODES.textNode("2026-01-01T00:00:00Z");
      default:
        return NODES.textNode(shape.has("enum") ? shape.path("enum").get(0).asText() : name);
    }
  }
}
