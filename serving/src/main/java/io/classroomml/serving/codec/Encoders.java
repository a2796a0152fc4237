package io.classroomml.serving.codec;

import io.classroomml.serving.InvocationException.NotAcceptableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoder table, keyed by response content type, and the choice of one from an {@code Accept}
 * header: the highest {@code q} that names a supported type or a wildcard wins; a missing, blank or
 * {@code * / *} header gets the configured default.
 */
public final class Encoders {

  /** A chosen response type and its encoder. */
  public record Choice(String contentType, ResponseEncoder encoder) {}

  private final Map<String, ResponseEncoder> byType;
  private final String defaultType;

  private Encoders(Map<String, ResponseEncoder> byType, String defaultType) {
    this.byType = byType;
    this.defaultType = defaultType;
  }

  /**
   * Every type the server writes, with {@code defaultType} for unspecified {@code Accept}.
   *
   * @throws IllegalArgumentException naming the supported types when the default is not one
   */
  public static Encoders standard(String defaultType) {
    Map<String, ResponseEncoder> table = new LinkedHashMap<>();
    table.put(ContentTypes.JSON, new JsonEncoder());
    table.put(ContentTypes.JSON_LINES, new JsonLinesEncoder());
    table.put(ContentTypes.CSV, new CsvEncoder());
    String wanted = ContentTypes.baseType(defaultType);
    if (!table.containsKey(wanted)) {
      throw new IllegalArgumentException(
          "default response type '" + defaultType + "' is not one of " + table.keySet());
    }
    return new Encoders(table, wanted);
  }

  /**
   * The encoder for an {@code Accept} header value.
   *
   * @throws NotAcceptableException when no listed type can be written
   */
  public Choice forAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return choice(defaultType);
    }
    List<Range> ranges = new ArrayList<>();
    String[] parts = accept.split(",");
    for (int i = 0; i < parts.length; i++) {
      Range range = Range.parse(parts[i], i);
      if (range.q > 0) {
        ranges.add(range);
      }
    }
    ranges.sort(Comparator.comparingDouble((Range r) -> -r.q).thenComparingInt(r -> r.order));
    for (Range range : ranges) {
      if (range.type.equals("*/*") || range.type.equals("*")) {
        return choice(defaultType);
      }
      if (byType.containsKey(range.type)) {
        return choice(range.type);
      }
      if (range.type.endsWith("/*")) {
        String family = range.type.substring(0, range.type.length() - 1);
        if (defaultType.startsWith(family)) {
          return choice(defaultType);
        }
        for (String type : byType.keySet()) {
          if (type.startsWith(family)) {
            return choice(type);
          }
        }
      }
    }
    throw new NotAcceptableException(accept, byType.keySet());
  }

  private Choice choice(String type) {
    return new Choice(type, byType.get(type));
  }

  /** One media range of an Accept header with its quality and position. */
  private record Range(String type, double q, int order) {
    static Range parse(String text, int order) {
      String[] params = text.split(";");
      double q = 1;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].strip();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      return new Range(ContentTypes.baseType(params[0]), q, order);
    }
  }
}
