package io.classroomml.contract.hyperparameters;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One hyperparameter of the trainer: what it is called, what values it takes, its default and what
 * it does. Values arrive as strings (SageMaker passes every hyperparameter as one); {@link
 * #parse(String)} turns a string into the typed value or says, in a few words, why it cannot.
 *
 * @param name the name in {@code hyperparameters.json}
 * @param type how values are written
 * @param defaultValue the typed default ({@link Integer}, {@link Double}, {@link Boolean} or {@link
 *     String}), or empty when it depends on another hyperparameter (see {@link #defaultText()})
 * @param min the smallest valid number (integer and real only)
 * @param minOpen whether {@code min} itself is excluded (real only)
 * @param max the largest valid number (integer and real only)
 * @param choices the valid values, lower case (categorical only; empty otherwise)
 * @param doc one line on what it does
 * @param defaultText the default in words, for docs, when it is not a single value; else empty
 */
public record Hyperparameter(
    String name,
    Type type,
    Optional<Object> defaultValue,
    double min,
    boolean minOpen,
    double max,
    List<String> choices,
    String doc,
    String defaultText) {

  /** How a hyperparameter's values are written. */
  public enum Type {
    /** A whole number in [min, max]; {@code 16.0} counts as 16. */
    INTEGER,
    /** A finite number in [min, max] (or (min, max]). */
    REAL,
    /** {@code true}/{@code false} (also 1/0, yes/no). */
    BOOLEAN,
    /** One of a fixed list of words, case ignored. */
    CATEGORICAL
  }

  /** Copies {@code choices}. */
  public Hyperparameter {
    choices = List.copyOf(choices);
  }

  static Hyperparameter integer(String name, int min, int max, int defaultValue, String doc) {
    return new Hyperparameter(
        name, Type.INTEGER, Optional.of(defaultValue), min, false, max, List.of(), doc, "");
  }

  static Hyperparameter real(
      String name, double min, boolean minOpen, double max, double defaultValue, String doc) {
    return new Hyperparameter(
        name, Type.REAL, Optional.of(defaultValue), min, minOpen, max, List.of(), doc, "");
  }

  static Hyperparameter bool(String name, boolean defaultValue, String doc) {
    return new Hyperparameter(
        name, Type.BOOLEAN, Optional.of(defaultValue), 0, false, 1, List.of(), doc, "");
  }

  static Hyperparameter oneOf(String name, List<String> choices, String defaultValue, String doc) {
    return new Hyperparameter(
        name, Type.CATEGORICAL, Optional.of(defaultValue), 0, false, 0, choices, doc, "");
  }

  /** The same hyperparameter with no single default, described in words instead. */
  Hyperparameter withDefaultInWords(String words) {
    return new Hyperparameter(name, type, Optional.empty(), min, minOpen, max, choices, doc, words);
  }

  /** Whether values are numbers (integer or real), so that a numeric range can be tuned. */
  public boolean isNumeric() {
    return type == Type.INTEGER || type == Type.REAL;
  }

  /** The valid values in words, for error messages: {@code an integer in [1, 10000]}. */
  public String valid() {
    return switch (type) {
      case INTEGER -> "an integer in [" + fmt(min) + ", " + fmt(max) + "]";
      case REAL -> "a number in " + (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + "]";
      case BOOLEAN -> "true or false";
      case CATEGORICAL -> "one of " + String.join(", ", choices);
    };
  }

  /** The default as the trainer would be given it, or {@link #defaultText()} when there is none. */
  public String defaultString() {
    return defaultValue.map(Hyperparameter::text).orElse(defaultText);
  }

  /**
   * The typed value of {@code raw} (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException saying why in a few words: {@code not a number}, {@code out of
   *     range}, {@code not a whole number}, {@code not a boolean} or {@code unknown choice}
   */
  public Object parse(String raw) {
    String value = raw.strip();
    return switch (type) {
      case INTEGER -> parseInteger(value);
      case REAL -> parseReal(value);
      case BOOLEAN -> parseBoolean(value);
      case CATEGORICAL -> parseChoice(value);
    };
  }

  /** Why {@code raw} is not valid, or empty when it is. */
  public Optional<String> problem(String raw) {
    try {
      parse(raw);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Whether the number {@code value} lies in this hyperparameter's range. */
  public boolean inRange(double value) {
    return Double.isFinite(value) && value >= min && !(minOpen && value == min) && value <= max;
  }

  private int parseInteger(String raw) {
    double d;
    try {
      d = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("not a whole number");
    }
    if (!inRange(d)) {
      throw new IllegalArgumentException("out of range");
    }
    return (int) d;
  }

  private double parseReal(String raw) {
    double d;
    try {
      d = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    if (!inRange(d)) {
      throw new IllegalArgumentException("out of range");
    }
    return d;
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private String parseChoice(String raw) {
    String v = raw.toLowerCase(Locale.ROOT);
    if (!choices.contains(v)) {
      throw new IllegalArgumentException("unknown choice");
    }
    return v;
  }

  /** A typed value as it is written in {@code hyperparameters.json}. */
  static String text(Object value) {
    return value instanceof Double d ? fmt(d) : value.toString();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
  }
}
