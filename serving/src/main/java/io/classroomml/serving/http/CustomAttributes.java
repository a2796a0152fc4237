package io.classroomml.serving.http;

import io.classroomml.serving.InvocationException.BadRequestException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code X-Amzn-SageMaker-Custom-Attributes} header: opaque to SageMaker (at most 1,024 visible
 * ASCII characters), read here as {@code key=value} pairs separated by {@code ;} or {@code ,}. The
 * server understands {@code top_k} (alias {@code k}); other keys are ignored. The header is echoed
 * on the response, as SageMaker passes it back to the caller.
 *
 * @param raw the header as received, or empty
 * @param values the pairs, keys in lower case
 */
public record CustomAttributes(String raw, Map<String, String> values) {

  /** The request and response header. */
  public static final String HEADER = "X-Amzn-SageMaker-Custom-Attributes";

  /** SageMaker's limit on the header. */
  public static final int MAX_LENGTH = 1024;

  /** Parses a header value; {@code null} means absent. */
  public static CustomAttributes parse(String header) {
    if (header == null) {
      return new CustomAttributes("", Map.of());
    }
    if (header.length() > MAX_LENGTH) {
      throw new BadRequestException(
          HEADER + " is " + header.length() + " characters; SageMaker allows " + MAX_LENGTH);
    }
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new BadRequestException(
            HEADER + " holds a non-printable or non-ASCII character at position " + i);
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : header.split("[;,]")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            pair.substring(0, eq).strip().toLowerCase(Locale.ROOT), pair.substring(eq + 1).strip());
      }
    }
    return new CustomAttributes(header, Map.copyOf(values));
  }

  /** The {@code top_k} (or {@code k}) attribute, when given. */
  public Optional<Integer> topK() {
    String value = values.getOrDefault("top_k", values.get("k"));
    return value == null ? Optional.empty() : Optional.of(parseTopK(value, HEADER + " top_k"));
  }

  /** Parses a top-k value from {@code source}, 1 to 1000. */
  static int parseTopK(String value, String source) {
    try {
      int k = Integer.parseInt(value.strip());
      if (k >= 1 && k <= 1000) {
        return k;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException(
        source + "='" + value + "' must be a whole number from 1 to 1000");
  }
}
