package io.classroomml.contract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that defines how metrics appear in the training log and how they are read back.
 *
 * <p>The trainer prints one line per epoch:
 *
 * <pre>
 * metrics: epoch=3 train_loss=0.412300 train_accuracy=0.871200 validation_loss=0.392100 ...
 * </pre>
 *
 * SageMaker scrapes stdout/stderr with {@code MetricDefinitions} (regex, first group is the value);
 * the CDK stacks, the tuning spec and the local tuner all use {@link #all()}, so the names and
 * regexes cannot drift apart. The regexes use only syntax that Python's {@code re} and {@code
 * java.util.regex} read the same way ({@code \b}, {@code .*?}, character classes), stay under the
 * 500-character API limit, and there are fewer than the 20 a tuning job allows.
 */
public final class MetricDefinitions {

  /** Every metric line starts with this, so no other log line can match a regex. */
  public static final String LINE_PREFIX = "metrics: ";

  /** SageMaker allows 20 metric definitions for a tuning job (40 for a training job). */
  public static final int MAX_DEFINITIONS = 20;

  /** SageMaker's limit on one regex. */
  public static final int MAX_REGEX_LENGTH = 500;

  private static final String NUMBER = "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";

  private static final List<MetricDefinition> ALL = build();

  private MetricDefinitions() {}

  /** A SageMaker {@code MetricDefinition}: a name and a regex whose first group is the value. */
  public record MetricDefinition(Metric metric, String name, String regex) {

    /** The value in {@code line}, if this metric is on it. */
    public OptionalDouble valueIn(String line) {
      Matcher m = Pattern.compile(regex).matcher(line);
      return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
  }

  /** All definitions, in the order they appear on the line. */
  public static List<MetricDefinition> all() {
    return ALL;
  }

  /** The definition with SageMaker name {@code name} (e.g. {@code validation:accuracy}). */
  public static Optional<MetricDefinition> named(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * Formats one metric line. Metrics missing from {@code values} are left out; non-finite values
   * are printed as {@code nan}/{@code inf}, which no regex matches, so SageMaker never records
   * them.
   */
  public static String format(Map<Metric, Double> values) {
    StringBuilder line = new StringBuilder(LINE_PREFIX.strip());
    for (Metric metric : Metric.values()) {
      Double value = values.get(metric);
      if (value == null) {
        continue;
      }
      line.append(' ').append(metric.key()).append('=').append(formatValue(metric, value));
    }
    return line.toString();
  }

  /** Reads every metric on {@code line}; empty when the line is not a metric line. */
  public static Map<Metric, Double> parse(String line) {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    if (!line.contains(LINE_PREFIX)) {
      return values;
    }
    for (MetricDefinition definition : ALL) {
      definition.valueIn(line).ifPresent(v -> values.put(definition.metric(), v));
    }
    return values;
  }

  private static String formatValue(Metric metric, double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (metric == Metric.EPOCH) {
      return Long.toString(Math.round(value));
    }
    return String.format(Locale.ROOT, "%.6g", value);
  }

  private static List<MetricDefinition> build() {
    List<MetricDefinition> list = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      String regex = LINE_PREFIX + ".*?\\b" + metric.key() + "=" + NUMBER;
      list.add(new MetricDefinition(metric, metric.metricName(), regex));
    }
    return List.copyOf(list);
  }
}
