package io.classroomml.local.job;

import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.MetricDefinitions.MetricDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads metrics from a job's log as SageMaker does: every {@code MetricDefinitions} regex is tried
 * on every line, the first group is the value, and the final value of a metric is the last one
 * emitted (not the best). The definitions are the shared ones, so local and AWS agree.
 */
public final class MetricScraper {

  private final List<MetricDefinition> definitions;
  private final Map<String, List<Double>> series = new LinkedHashMap<>();

  /** Scrapes with the project's shared definitions. */
  public MetricScraper() {
    this(MetricDefinitions.all());
  }

  /** Scrapes with {@code definitions}. */
  public MetricScraper(List<MetricDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  /** Continues the history of an earlier run of the same job (a resumed job). */
  public synchronized void seed(Map<String, List<Double>> earlier) {
    earlier.forEach((k, v) -> series.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
  }

  /** Reads one log line; returns the values found on it, by SageMaker metric name. */
  public synchronized Map<String, Double> accept(String line) {
    Map<String, Double> found = new LinkedHashMap<>();
    for (MetricDefinition d : definitions) {
      OptionalDouble value = d.valueIn(line);
      if (value.isPresent()) {
        found.put(d.name(), value.getAsDouble());
        series.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(value.getAsDouble());
      }
    }
    return found;
  }

  /** The last value of {@code metricName}, as {@code FinalMetricDataList} reports it. */
  public synchronized OptionalDouble last(String metricName) {
    List<Double> values = series.get(metricName);
    return values == null || values.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(values.get(values.size() - 1));
  }

  /** Every metric's values in emission order. */
  public synchronized Map<String, List<Double>> series() {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    series.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  /** The last value of every metric seen. */
  public synchronized Map<String, Double> finalValues() {
    Map<String, Double> last = new LinkedHashMap<>();
    series.forEach((k, v) -> last.put(k, v.get(v.size() - 1)));
    return last;
  }
}
