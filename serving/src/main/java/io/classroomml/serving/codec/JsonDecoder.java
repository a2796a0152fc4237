package io.classroomml.serving.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;

/** One JSON document holding one image or a batch (forms in {@link JsonImages}). */
public final class JsonDecoder implements RequestDecoder {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ImageFileDecoder images;

  /** A decoder reading image files in the document with {@code images}. */
  public JsonDecoder(ImageFileDecoder images) {
    this.images = images;
  }

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    return ImageBatch.of(
        shape,
        JsonImages.document(parse(body, 0, body.length, "the body"), shape, "JSON body", images));
  }

  /**
   * Jackson's description of a parse error, in words: its messages for syntax errors read well, but
   * some name its own classes and settings, which mean nothing to a caller.
   */
  static String problem(JsonProcessingException e) {
    String at =
        e.getLocation() == null
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")";
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Trailing token")) {
      return "there is more after the first JSON value"
          + at
          + "; send one JSON document (application/jsonlines takes one image per line)";
    }
    if (original.contains("com.fasterxml") || original.contains("`")) {
      return "it could not be parsed" + at;
    }
    return original + at;
  }

  /** Parses one JSON value; {@code where} names it in the error. */
  static JsonNode parse(byte[] body, int offset, int length, String where) {
    try {
      JsonNode node = JSON.readTree(body, offset, length);
      if (node == null || node.isMissingNode()) {
        throw new BadRequestException(where + " holds no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequestException(where + " is not valid JSON: " + problem(e));
    } catch (java.io.IOException e) {
      throw new BadRequestException(where + " could not be read as JSON");
    }
  }
}
