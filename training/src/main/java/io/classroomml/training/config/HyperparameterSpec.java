package io.classroomml.training.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One hyperparameter the trainer accepts: its name, what values are valid (in words, for error
 * messages and docs), its default, and a parser that throws {@link IllegalArgumentException} with
 * the reason when a value is not valid.
 *
 * @param <T> the typed value
 */
record HyperparameterSpec<T>(
    String name, String valid, T defaultValue, Function<String, T> parser, String doc) {

  T parse(String raw) {
    return parser.apply(raw.strip());
  }

  static HyperparameterSpec<Integer> integer(
      String name, int min, int max, Integer defaultValue, String doc) {
    return new HyperparameterSpec<>(
        name,
        "an integer in [" + min + ", " + max + "]",
        defaultValue,
        raw -> {
          int v;
          try {
            double d = Double.parseDouble(raw);
            if (d != Math.rint(d)) {
              throw new IllegalArgumentException("not a whole number");
            }
            v = (int) d;
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
          }
          if (v < min || v > max) {
            throw new IllegalArgumentException("out of range");
          }
          return v;
        },
        doc);
  }

  static HyperparameterSpec<Double> real(
      String name, double min, boolean minOpen, double max, Double defaultValue, String doc) {
    String valid = "a number in " + (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + "]";
    return new HyperparameterSpec<>(
        name,
        valid,
        defaultValue,
        raw -> {
          double v;
          try {
            v = Double.parseDouble(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
          }
          if (!Double.isFinite(v) || v < min || (minOpen && v == min) || v > max) {
            throw new IllegalArgumentException("out of range");
          }
          return v;
        },
        doc);
  }

  static HyperparameterSpec<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new HyperparameterSpec<>(
        name,
        "true or false",
        defaultValue,
        raw ->
            switch (raw.toLowerCase(Locale.ROOT)) {
              case "true", "1", "yes" -> true;
              case "false", "0", "no" -> false;
              default -> throw new IllegalArgumentException("not a boolean");
            },
        doc);
  }

  static HyperparameterSpec<String> oneOf(
      String name, List<String> choices, String defaultValue, String doc) {
    return new HyperparameterSpec<>(
        name,
        "one of " + String.join(", ", choices),
        defaultValue,
        raw -> {
          String v = raw.toLowerCase(Locale.ROOT);
          if (!choices.contains(v)) {
            throw new IllegalArgumentException("unknown choice");
          }
          return v;
        },
        doc);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
  }
}
