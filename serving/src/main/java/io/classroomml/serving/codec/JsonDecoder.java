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

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    return ImageBatch.of(
        shape, JsonImages.document(parse(body, 0, body.length, "the body"), shape, "JSON body"));
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
      throw new BadRequestException(where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadRequestException(where + " could not be read as JSON: " + e.getMessage());
    }
  }
}
