package io.classroomml.serving.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one image per line (any single-image form of {@link JsonImages}), blank lines
 * skipped. Batch transform with {@code SplitType=Line} and {@code MULTI_RECORD} packs many lines
 * into one request, and the answer has one line per image in the same order.
 */
public final class JsonLinesDecoder implements RequestDecoder {

  private final ImageFileDecoder images;

  /** A decoder reading image files in lines with {@code images}. */
  public JsonLinesDecoder(ImageFileDecoder images) {
    this.images = images;
  }

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    List<byte[]> decoded = new ArrayList<>();
    int line = 0;
    int start = 0;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      line++;
      if (!blank(body, start, end)) {
        String where = "JSON Lines line " + line;
        JsonNode node = JsonDecoder.parse(body, start, end - start, where);
        List<byte[]> found = JsonImages.document(node, shape, where, this.images);
        if (found.size() != 1) {
          throw new BadRequestException(
              where + " holds " + found.size() + " images; JSON Lines takes one image per line");
        }
        decoded.add(found.get(0));
      }
      start = end + 1;
    }
    if (decoded.isEmpty()) {
      throw new BadRequestException("the JSON Lines body has no non-blank line");
    }
    return ImageBatch.of(shape, decoded);
  }

  private static boolean blank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(body[i])) {
        return false;
      }
    }
    return true;
  }
}
