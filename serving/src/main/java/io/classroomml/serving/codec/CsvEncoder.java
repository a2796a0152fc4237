package io.classroomml.serving.codec;

import java.nio.charset.StandardCharsets;

/**
 * {@code text/csv}: one row per image, no header (batch transform joins outputs by line), {@code
 * label,probability} repeated for the top k classes, best first. Labels are quoted per RFC 4180
 * when they hold a comma, quote or line break.
 */
public final class CsvEncoder implements ResponseEncoder {

  @Override
  public byte[] encode(Predictions predictions) {
    StringBuilder csv = new StringBuilder(32 * predictions.count());
    for (int i = 0; i < predictions.count(); i++) {
      boolean first = true;
      for (Predictions.Ranked ranked : predictions.top(i)) {
        if (!first) {
          csv.append(',');
        }
        first = false;
        csv.append(quote(ranked.label())).append(',').append(ranked.probability());
      }
      csv.append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
