package io.classroomml.infra.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.classroomml.testing.aws.AwsModels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates Step Functions intrinsic functions ({@code States.Format(...)}, nested calls, string
 * literals, numbers and paths) on concrete data, so a {@code .$} value becomes the value the
 * service would pass to the API. {@code States.UUID()} returns a fixed UUID, which keeps the check
 * deterministic. Throws {@link IllegalArgumentException} with the reason when a path does not exist
 * or a function is unknown.
 */
final class Intrinsics {

  static final String UUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private final Function<String, JsonNode> paths;
  private int pos;

  private Intrinsics(String text, Function<String, JsonNode> paths) {
    this.text = text;
    this.paths = paths;
  }

  /** Evaluates {@code expression}; {@code paths} resolves a path or throws when it is missing. */
  static JsonNode evaluate(String expression, Function<String, JsonNode> paths) {
    Intrinsics parser = new Intrinsics(expression.strip(), paths);
    JsonNode value = parser.argument();
    if (parser.pos != parser.text.length()) {
      throw new IllegalArgumentException("cannot parse " + expression);
    }
    return value;
  }

  private JsonNode argument() {
    skipSpaces();
    char c = text.charAt(pos);
    if (c == '\'') {
      return TextNode.valueOf(literal());
    }
    if (c == '$') {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')') {
        pos++;
      }
      return paths.apply(text.substring(start, pos).strip());
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')') {
      pos++;
    }
    String token = text.substring(start, pos).strip();
    try {
      return AwsModels.JSON.readTree(token);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad argument " + token + " in " + text);
    }
  }

  private JsonNode call() {
    int open = text.indexOf('(', pos);
    String name = text.substring(pos, open);
    pos = open + 1;
    List<JsonNode> args = new ArrayList<>();
    skipSpaces();
    if (text.charAt(pos) != ')') {
      while (true) {
        args.add(argument());
        skipSpaces();
        if (text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        break;
      }
    }
    if (text.charAt(pos) != ')') {
      throw new IllegalArgumentException("missing ) in " + text);
    }
    pos++;
    return apply(name, args);
  }

  private static JsonNode apply(String name, List<JsonNode> args) {
    switch (name) {
      case "States.Format":
        {
          String template = args.get(0).asText();
          StringBuilder out = new StringBuilder();
          int next = 1;
          for (int i = 0; i < template.length(); i++) {
            if (template.startsWith("{}", i)) {
              if (next >= args.size()) {
                throw new IllegalArgumentException("States.Format has more {} than arguments");
              }
              JsonNode arg = args.get(next++);
              out.append(arg.isTextual() ? arg.asText() : arg.toString());
              i++;
            } else if (template.charAt(i) == '\\' && i + 1 < template.length()) {
              out.append(template.charAt(++i));
            } else {
              out.append(template.charAt(i));
            }
          }
          return TextNode.valueOf(out.toString());
        }
      case "States.UUID":
        return TextNode.valueOf(UUID);
      case "States.StringSplit":
        {
          ArrayNode out = NODES.arrayNode();
          String delimiters = args.get(1).asText();
          for (String part :
              args.get(0).asText().split("[" + java.util.regex.Pattern.quote(delimiters) + "]")) {
            if (!part.isEmpty()) {
              out.add(part);
            }
          }
          return out;
        }
      case "States.ArrayGetItem":
        {
          JsonNode item = args.get(0).get(args.get(1).asInt());
          if (item == null) {
            throw new IllegalArgumentException("States.ArrayGetItem index out of range");
          }
          return item;
        }
      case "States.Array":
        {
          ArrayNode out = NODES.arrayNode();
          args.forEach(out::add);
          return out;
        }
      case "States.ArrayLength":
        return NODES.numberNode(args.get(0).size());
      case "States.JsonToString":
        return TextNode.valueOf(args.get(0).toString());
      case "States.StringToJson":
        try {
          return AwsModels.JSON.readTree(args.get(0).asText());
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("States.StringToJson of non-JSON " + args.get(0));
        }
      case "States.MathAdd":
        return NODES.numberNode(args.get(0).asLong() + args.get(1).asLong());
      case "States.Base64Encode":
        return TextNode.valueOf(
            java.util.Base64.getEncoder().encodeToString(args.get(0).asText().getBytes()));
      default:
        throw new IllegalArgumentException("the checker does not evaluate " + name);
    }
  }

  private String literal() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (text.charAt(pos) != '\'') {
      char c = text.charAt(pos);
      if (c == '\\') {
        char escaped = text.charAt(pos + 1);
        if (escaped == '{' || escaped == '}') {
          out.append('\\'); // kept so Format sees an escaped brace, not a placeholder
        }
        out.append(escaped);
        pos += 2;
      } else {
        out.append(c);
        pos++;
      }
    }
    pos++;
    return out.toString();
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }
}
