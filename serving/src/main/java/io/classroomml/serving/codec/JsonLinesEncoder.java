package io.classroomml.serving.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code application/jsonlines}: one prediction object (as in {@link JsonEncoder}) per line, one
 * line per image, so batch transform's {@code AssembleWith=Line} lines up with the input.
 */
public final class JsonLinesEncoder implements ResponseEncoder {

  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public byte[] encode(Predictions predictions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * predictions.count());
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
      for (int i = 0; i < predictions.count(); i++) {
        JsonEncoder.writePrediction(json, predictions, i);
      }
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
