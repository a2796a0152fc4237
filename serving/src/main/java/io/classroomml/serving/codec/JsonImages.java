package io.classroomml.serving.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The JSON forms of images, shared by {@link JsonDecoder} and {@link JsonLinesDecoder}.
 *
 * <p>An <em>instance</em> is one image: a base64 string of an image file, an object {@code {"b64":
 * "..."}}, or a nested array of pixels 0–255, {@code [C][H][W]} (or {@code [H][W]} for a
 * one-channel model). A <em>document</em> is an instance, an array of instances, an object {@code
 * {"instances": [...]}} (the TensorFlow Serving form) or {@code {"image": instance}}.
 */
final class JsonImages {

  private JsonImages() {}

  /** Every image in {@code document}; {@code where} names it in error messages. */
  static List<byte[]> document(
      JsonNode document, InputShape shape, String where, ImageFileDecoder images) {
    if (document.isObject() && !document.has("b64")) {
      if (document.has("instances")) {
        JsonNode instances = document.get("instances");
        if (!instances.isArray()) {
          throw bad(where + ": \"instances\" must be an array, got " + kind(instances));
        }
        return instances(instances, shape, where, images);
      }
      if (document.has("image")) {
        return List.of(instance(document.get("image"), shape, where + ": \"image\"", images));
      }
      throw bad(
          where
              + ": an object needs \"instances\" (an array of images), \"image\" or \"b64\"; got"
              + " keys "
              + fieldNames(document));
    }
    if (document.isArray() && document.size() > 0) {
      int depth = numericDepth(document);
      int singleRank = shape.channels() == 1 ? 2 : 3;
      if (depth == 0 || depth > singleRank) {
        return instances(document, shape, where, images);
      }
    }
    return List.of(instance(document, shape, where, images));
  }

  private static List<byte[]> instances(
      JsonNode array, InputShape shape, String where, ImageFileDecoder images) {
    if (array.isEmpty()) {
      throw bad(where + ": the list of images is empty");
    }
    List<byte[]> found = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      found.add(instance(array.get(i), shape, where + ": instance " + i, images));
    }
    return found;
  }

  /** One image. */
  static byte[] instance(JsonNode node, InputShape shape, String where, ImageFileDecoder images) {
    if (node.isTextual()) {
      return images.pixels(base64(node.asText(), where), shape, where);
    }
    if (node.isObject() && node.has("b64") && node.get("b64").isTextual()) {
      return images.pixels(base64(node.get("b64").asText(), where), shape, where);
    }
    if (node.isArray()) {
      return pixelArray(node, shape, where);
    }
    throw bad(
        where
            + ": an image is a base64 string, {\"b64\": string} or a nested array of pixels; got "
            + kind(node));
  }

  private static byte[] base64(String text, String where) {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw bad(where + ": the string is not base64 (" + e.getMessage() + ")");
    }
  }

  private static byte[] pixelArray(JsonNode node, InputShape shape, String where) {
    int[] dims =
        shape.channels() == 1 && numericDepth(node) == 2
            ? new int[] {shape.height(), shape.width()}
            : new int[] {shape.channels(), shape.height(), shape.width()};
    byte[] out = new byte[shape.imageBytes()];
    int[] next = {0};
    fill(node, dims, 0, out, next, where);
    return out;
  }

  private static void fill(
      JsonNode node, int[] dims, int level, byte[] out, int[] next, String where) {
    if (!node.isArray() || node.size() != dims[level]) {
      throw bad(
          where
              + ": pixel arrays must be nested "
              + shapeText(dims)
              + " for this model; found "
              + kind(node)
              + " at depth "
              + level);
    }
    for (JsonNode child : node) {
      if (level + 1 < dims.length) {
        fill(child, dims, level + 1, out, next, where);
      } else {
        if (!child.isNumber() || child.asDouble() < 0 || child.asDouble() > 255) {
          throw bad(where + ": pixel " + next[0] + " is " + child + "; pixels are numbers 0-255");
        }
        out[next[0]++] = (byte) Math.round(child.asDouble());
      }
    }
  }

  /** How many arrays deep the first elements go before a number; 0 when there is no number. */
  private static int numericDepth(JsonNode node) {
    int depth = 0;
    JsonNode current = node;
    while (current.isArray() && current.size() > 0) {
      depth++;
      current = current.get(0);
    }
    return current.isNumber() ? depth : 0;
  }

  private static String shapeText(int[] dims) {
    StringBuilder text = new StringBuilder();
    for (int d : dims) {
      text.append('[').append(d).append(']');
    }
    return text.toString();
  }

  private static String kind(JsonNode node) {
    return node.isArray()
        ? "an array of " + node.size()
        : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    while (it.hasNext() && names.size() < 10) {
      names.add(it.next());
    }
    return names;
  }

  private static BadRequestException bad(String message) {
    return new BadRequestException(message);
  }
}
