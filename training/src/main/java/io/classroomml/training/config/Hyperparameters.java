package io.classroomml.training.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw hyperparameters as SageMaker passes them: a JSON object of strings.
 *
 * <p>Like the SageMaker training toolkit, each value is JSON-decoded when it can be (the Python SDK
 * sends {@code "\"adam\""}, {@code "0.01"}, {@code "true"}) and kept as the raw string otherwise.
 * Decoded strings lose their quotes; numbers and booleans keep their JSON text.
 */
public final class Hyperparameters {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> values;

  private Hyperparameters(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Hyperparameters from already-decoded values (tests, local mode). */
  public static Hyperparameters of(Map<String, String> values) {
    TreeMap<String, String> decoded = new TreeMap<>();
    values.forEach((k, v) -> decoded.put(k, decode(v)));
    return new Hyperparameters(decoded);
  }

  /**
   * Parses the content of {@code hyperparameters.json}.
   *
   * @throws IOException when the text is not a JSON object
   */
  public static Hyperparameters parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || root.isMissingNode()) {
      return new Hyperparameters(Map.of());
    }
    if (!root.isObject()) {
      throw new IOException("must be a JSON object of name → string, found " + root.getNodeType());
    }
    TreeMap<String, String> decoded = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      decoded.put(e.getKey(), v.isTextual() ? decode(v.asText()) : v.toString());
    }
    return new Hyperparameters(decoded);
  }

  /** The decoded values, sorted by name. */
  public Map<String, String> values() {
    return values;
  }

  private static String decode(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      if (node == null || node.isMissingNode()) {
        return raw;
      }
      return node.isTextual() ? node.asText() : node.isValueNode() ? node.asText() : raw;
    } catch (IOException e) {
      return raw;
    }
  }
}
