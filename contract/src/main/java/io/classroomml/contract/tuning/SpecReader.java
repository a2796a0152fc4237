package io.classroomml.contract.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The field-by-field reading every part of a tuning spec shares: typed values that name their JSON
 * path when wrong, and the two kinds of problem. A schema problem is {@linkplain #note noted} and
 * reading goes on, so all of them are reported together; a document SageMaker could not read
 * {@linkplain #fail fails} at once, with the problems noted so far.
 */
final class SpecReader {

  /** API: hyperparameter names are at most 256 characters. */
  static final int MAX_KEY_LENGTH = 256;

  private final String source;
  private final List<TuningSpecException.Problem> problems = new ArrayList<>();

  /** {@code source} names the document in messages (a file, or {@code <string>}). */
  SpecReader(String source) {
    this.source = source;
  }

  /** Notes schema problems; reading goes on. */
  void note(List<TuningSpecException.Problem> more) {
    problems.addAll(more);
  }

  /** Throws the problems noted so far, if any. */
  void throwNoted() {
    if (!problems.isEmpty()) {
      throw new TuningSpecException(source, problems);
    }
  }

  /** Whether the trainer has a hyperparameter called {@code name}; if not, notes the problem. */
  boolean checkName(String path, String name) {
    if (name.length() > MAX_KEY_LENGTH || !TrainerHyperparameters.isKnown(name)) {
      problems.add(SchemaCheck.unknownName(path, name));
      return false;
    }
    return true;
  }

  <E extends Enum<E>> E enumValue(
      JsonNode node, String field, E[] values, Function<E, String> api) {
    return enumValue(node, field, field, values, api);
  }

  <E extends Enum<E>> E enumValue(
      JsonNode node, String path, String field, E[] values, Function<E, String> api) {
    String text = text(node, field, path);
    for (E value : values) {
      if (api.apply(value).equals(text)) {
        return value;
      }
    }
    List<String> names = new ArrayList<>();
    for (E value : values) {
      names.add(api.apply(value));
    }
    throw fail(path, text, "must be one of " + String.join(", ", names) + " (case matters)");
  }

  JsonNode object(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path.contains(".") ? parentPath(path) : "");
    if (!node.isObject()) {
      throw fail(path, node.toString(), "must be a JSON object");
    }
    return node;
  }

  List<JsonNode> array(JsonNode parent, String field, String parentPath) {
    List<JsonNode> items = new ArrayList<>();
    if (!parent.has(field)) {
      return items;
    }
    JsonNode node = parent.get(field);
    if (!node.isArray()) {
      throw fail(parentPath + "." + field, node.toString(), "must be a JSON list");
    }
    String path = parentPath + "." + field;
    int i = 0;
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw fail(path + "[" + i + "]", item.toString(), "must be a JSON object");
      }
      items.add(item);
      i++;
    }
    return items;
  }

  JsonNode required(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw fail(parentPath.isEmpty() ? field : parentPath + "." + field, null, "required");
    }
    return node;
  }

  String text(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw fail(path, null, "required");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw fail(path, node.toString(), "must be a non-empty string");
    }
    return node.asText();
  }

  /** Numbers may be written as JSON numbers or, as the API does, as strings. */
  long longValue(JsonNode node, String path) {
    try {
      if (node.isIntegralNumber()) {
        return node.asLong();
      }
      if (node.isTextual()) {
        return Long.parseLong(node.asText().strip());
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw fail(path, node.toString(), "must be a whole number");
  }

  double doubleValue(JsonNode node, String path) {
    double value;
    try {
      if (node.isNumber()) {
        value = node.asDouble();
      } else if (node.isTextual()) {
        value = Double.parseDouble(node.asText().strip());
      } else {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw fail(path, node.toString(), "must be a number");
    }
    if (!Double.isFinite(value)) {
      throw fail(path, node.toString(), "must be a finite number");
    }
    return value;
  }

  void rejectUnknown(JsonNode node, String prefix, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw fail(
            prefix + name,
            node.get(name).toString(),
            "unknown field; known fields here are "
                + known.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  private static String parentPath(String path) {
    return path.substring(0, path.lastIndexOf('.'));
  }

  /** The first problem SageMaker could not get past, after the schema problems found so far. */
  TuningSpecException fail(String field, String value, String problem) {
    List<TuningSpecException.Problem> all = new ArrayList<>(problems);
    all.add(new TuningSpecException.Problem(field, value, problem));
    return new TuningSpecException(source, all);
  }
}
