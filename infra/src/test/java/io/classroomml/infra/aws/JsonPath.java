package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference paths Step Functions accepts in {@code .$} values, InputPath, ResultPath and
 * ResultSelector ({@code $}, {@code $.a.b}, {@code $['a']}, {@code $.a[0]}; {@code $$.} for the
 * context object). Enough JSONPath for definitions; filters and slices are not supported.
 */
final class JsonPath {

  private JsonPath() {}

  /** The value at {@code path} in {@code root}, or empty when the path does not exist there. */
  static Optional<JsonNode> read(JsonNode root, String path) {
    JsonNode node = root;
    for (Object step : steps(path)) {
      if (step instanceof Integer index) {
        node = node.isArray() && index < node.size() ? node.get(index) : null;
      } else {
        node = node.isObject() && node.has((String) step) ? node.get((String) step) : null;
      }
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  /** {@code root} with {@code value} placed at {@code path} (ResultPath semantics). */
  static JsonNode write(JsonNode root, String path, JsonNode value) {
    List<Object> steps = steps(path);
    if (steps.isEmpty()) {
      return value;
    }
    ObjectNode copy =
        root.isObject() ? ((ObjectNode) root).deepCopy() : JsonNodeFactory.instance.objectNode();
    ObjectNode node = copy;
    for (int i = 0; i < steps.size() - 1; i++) {
      String name = String.valueOf(steps.get(i));
      JsonNode next = node.get(name);
      if (!(next instanceof ObjectNode)) {
        next = JsonNodeFactory.instance.objectNode();
        node.set(name, next);
      }
      node = (ObjectNode) next;
    }
    node.set(String.valueOf(steps.get(steps.size() - 1)), value);
    return copy;
  }

  /** Field names (String) and array indices (Integer) after the leading {@code $}. */
  static List<Object> steps(String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("not a path: " + path);
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        String inside = path.substring(i + 1, end);
        if (inside.startsWith("'")) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else {
          steps.add(Integer.parseInt(inside));
        }
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported path " + path);
      }
    }
    return steps;
  }
}
