package io.classroomml.serving.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code application/json}: {@code {"predictions": [prediction, ...]}}, one prediction per image in
 * request order, each {@code {"label", "index", "probability", "topK": [{"label", "index",
 * "probability"}, ...]}} with the best class first.
 */
public final class JsonEncoder implements ResponseEncoder {

  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public byte[] encode(Predictions predictions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * predictions.count());
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("predictions");
      for (int i = 0; i < predictions.count(); i++) {
        writePrediction(json, predictions, i);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes image {@code i}'s prediction object. */
  static void writePrediction(JsonGenerator json, Predictions predictions, int i)
      throws IOException {
    var top = predictions.top(i);
    json.writeStartObject();
    writeRanked(json, top.get(0));
    json.writeArrayFieldStart("topK");
    for (Predictions.Ranked ranked : top) {
      json.writeStartObject();
      writeRanked(json, ranked);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeRanked(JsonGenerator json, Predictions.Ranked ranked)
      throws IOException {
    json.writeStringField("label", ranked.label());
    json.writeNumberField("index", ranked.index());
    json.writeNumberField("probability", ranked.probability());
  }
}
