package io.classroomml.reports;

import java.util.List;
import java.util.Map;

/**
 * Just enough JSON writing for profile.json and findings.json, by hand so the module needs nothing
 * but the JDK; unknown (NaN) numbers become {@code null}, as JSON has no NaN.
 */
final class Json {

  private Json() {}

  /**
   * Writes a value: {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link Map}
   * (insertion order kept) or {@link List}, pretty-printed with two-space indents.
   */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, int indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? numberText(d) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out, indent + 1);
        first = false;
      }
      out.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
    } else if (value instanceof List<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
        write(item, out, indent + 1);
        first = false;
      }
      out.append(first ? "]" : "\n" + "  ".repeat(indent) + "]");
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  /** Shortest text that reads back as the same double (Java's own algorithm, locale-free). */
  private static String numberText(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
