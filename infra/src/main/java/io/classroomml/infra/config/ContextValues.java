package io.classroomml.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed reads of single context values, shared by the per-area readers. Values from {@code
 * cdk.json} may be JSON numbers or booleans, values from {@code -c} are strings; both read the
 * same. A bad value is recorded in {@link Problems} and the fallback (or null) returned, so that
 * reading goes on.
 */
final class ContextValues {

  private static final Pattern INSTANCE = Pattern.compile("ml\\.[a-z0-9-]+\\.[a-z0-9]+");

  private final Function<String, Object> context;
  private final Map<String, String> env;
  private final Problems problems;

  ContextValues(Function<String, Object> context, Map<String, String> env, Problems problems) {
    this.context = context;
    this.env = env;
    this.problems = problems;
  }

  /** The stripped value under {@code key}; empty when absent or blank. */
  Optional<String> optional(String key) {
    Object value = context.apply(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** The stripped value of environment variable {@code name}; empty when unset or blank. */
  Optional<String> fromEnv(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The comma-separated entries under {@code key}. */
  List<String> list(String key) {
    return optional(key).map(ContextValues::split).orElse(List.of());
  }

  /** The non-blank, stripped comma-separated parts of {@code raw}. */
  static List<String> split(String raw) {
    List<String> parts = new ArrayList<>();
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.strip());
      }
    }
    return parts;
  }

  /** The instance type under {@code key} (or {@code fallback}), or null (a problem recorded). */
  String instanceType(String key, String fallback) {
    return checkedInstanceType(key, optional(key).orElse(fallback));
  }

  /** Every valid instance type listed under {@code key}; a problem recorded for each other one. */
  List<String> instanceTypes(String key) {
    List<String> types = new ArrayList<>();
    for (String type : list(key)) {
      if (checkedInstanceType(key, type) != null) {
        types.add(type);
      }
    }
    return types;
  }

  private String checkedInstanceType(String key, String value) {
    if (!INSTANCE.matcher(value).matches()) {
      return problems.add(key, value, "is not a SageMaker instance type; e.g. ml.m5.large");
    }
    return value;
  }

  boolean bool(String key, boolean fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(key, raw.get(), "must be true or false");
        yield fallback;
      }
    };
  }

  double positiveNumber(String key, double fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (value > 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // a problem, as below
    }
    problems.add(key, raw.get(), "must be a number above 0; e.g. " + fallback);
    return fallback;
  }

  /** The whole number under {@code key}, at least 1; {@code fallback} when absent or bad. */
  long positiveWhole(String key, long fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    Long value = wholeNumber(key, raw.get());
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      problems.add(key, raw.get(), "must be at least 1; e.g. " + fallback);
      return fallback;
    }
    return value;
  }

  /** {@code text} as a whole number, or null (a problem recorded). */
  Long wholeNumber(String key, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return problems.add(key, text, "must be a whole number");
    }
  }
}
