package io.classroomml.contract.tuning;

import io.classroomml.contract.Ordered;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One hyperparameter search, in the shape of SageMaker's {@code HyperParameterTuningJobConfig} plus
 * the static hyperparameters of its training job definition. The same file drives the local tuner
 * and the AWS tuning pipeline, so both search the same space for the same objective.
 *
 * <p>Instances are valid: {@link #parse(String)} and {@link #parse(Path)} check every constraint
 * SageMaker documents (see {@link TuningSpecParser}) and name the field, the value and the fix.
 *
 * @param strategy how trials are chosen
 * @param objective the metric to optimise, a {@link io.classroomml.contract.MetricDefinitions} name
 * @param parameterRanges the tuned hyperparameters
 * @param resourceLimits number of trials, parallelism, time cap
 * @param earlyStopping whether unpromising trials stop early
 * @param hyperband Hyperband's resource bounds (only with {@link Strategy#HYPERBAND}), or null
 * @param randomSeed the tuner's seed, or empty
 * @param staticHyperParameters hyperparameters every trial gets unchanged
 */
public record TuningSpec(
    Strategy strategy,
    Objective objective,
    ParameterRanges parameterRanges,
    ResourceLimits resourceLimits,
    EarlyStoppingType earlyStopping,
    HyperbandConfig hyperband,
    OptionalLong randomSeed,
    Map<String, String> staticHyperParameters) {

  /** The classpath resource holding the course's default search space. */
  public static final String DEFAULT_RESOURCE = "default-tuning-spec.json";

  /**
   * Copies the map so that a spec cannot change after it is made; sorted, because the request it
   * feeds is synthesized into a template that must not change between identical synths.
   */
  public TuningSpec {
    staticHyperParameters = Collections.unmodifiableMap(new TreeMap<>(staticHyperParameters));
  }

  /** Reads and validates the spec in {@code file}; errors name the file. */
  public static TuningSpec parse(Path file) throws IOException {
    return TuningSpecParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Validates the spec in {@code json}; errors name the source as {@code <string>}. */
  public static TuningSpec parse(String json) {
    return TuningSpecParser.parse("<string>", json);
  }

  /** The course's default search space (learning rate, batch size, model; validation accuracy). */
  public static TuningSpec defaultSpec() {
    try (InputStream in = TuningSpec.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the contract jar");
      }
      return TuningSpecParser.parse(
          DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks hyperparameter values given outside a spec file (local mode's {@code --set}) against the
   * trainer's schema, as a spec's static hyperparameters are checked.
   *
   * @param source where the values came from, for the message
   * @throws TuningSpecException listing every unknown name and invalid value at once
   */
  public static void checkHyperparameters(String source, Map<String, String> values) {
    List<TuningSpecException.Problem> problems = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          if (!io.classroomml.contract.hyperparameters.TrainerHyperparameters.isKnown(name)) {
            problems.add(SchemaCheck.unknownName(name, name));
          } else {
            problems.addAll(SchemaCheck.staticValue(name, name, value));
          }
        });
    if (!problems.isEmpty()) {
      throw new TuningSpecException(source, problems);
    }
  }

  /** The most trials this spec can start (for Grid, the number of combinations). */
  public int maxTrainingJobs() {
    return resourceLimits.maxNumberOfTrainingJobs();
  }

  /**
   * The {@code HyperParameterTuningJobConfig} request object, exactly as the API spells it
   * (PascalCase keys, numbers as strings where the API wants strings). Static hyperparameters are
   * not part of it; they belong to the training job definition.
   */
  public Map<String, Object> toHyperParameterTuningJobConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("Strategy", strategy.apiName());
    if (hyperband != null) {
      Map<String, Object> hb = new LinkedHashMap<>();
      hyperband.minResource().ifPresent(v -> hb.put("MinResource", v));
      hyperband.maxResource().ifPresent(v -> hb.put("MaxResource", v));
      config.put("StrategyConfig", Ordered.map("HyperbandStrategyConfig", hb));
    }
    config.put(
        "HyperParameterTuningJobObjective",
        Ordered.map("Type", objective.type().apiName(), "MetricName", objective.metricName()));
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("MaxNumberOfTrainingJobs", resourceLimits.maxNumberOfTrainingJobs());
    limits.put("MaxParallelTrainingJobs", resourceLimits.maxParallelTrainingJobs());
    resourceLimits.maxRuntimeInSeconds().ifPresent(v -> limits.put("MaxRuntimeInSeconds", v));
    config.put("ResourceLimits", limits);
    config.put("ParameterRanges", rangesRequest());
    config.put("TrainingJobEarlyStoppingType", earlyStopping.apiName());
    randomSeed.ifPresent(v -> config.put("RandomSeed", v));
    return config;
  }

  private Map<String, Object> rangesRequest() {
    List<Object> integers = new ArrayList<>();
    for (IntegerRange r : parameterRanges.integerRanges()) {
      integers.add(
          Ordered.map(
              "Name", r.name(),
              "MinValue", Long.toString(r.minValue()),
              "MaxValue", Long.toString(r.maxValue()),
              "ScalingType", r.scalingType().apiName()));
    }
    List<Object> continuous = new ArrayList<>();
    for (ContinuousRange r : parameterRanges.continuousRanges()) {
      continuous.add(
          Ordered.map(
              "Name", r.name(),
              "MinValue", Double.toString(r.minValue()),
              "MaxValue", Double.toString(r.maxValue()),
              "ScalingType", r.scalingType().apiName()));
    }
    List<Object> categorical = new ArrayList<>();
    for (CategoricalRange r : parameterRanges.categoricalRanges()) {
      categorical.add(Ordered.map("Name", r.name(), "Values", r.values()));
    }
    Map<String, Object> ranges = new LinkedHashMap<>();
    ranges.put("IntegerParameterRanges", integers);
    ranges.put("ContinuousParameterRanges", continuous);
    ranges.put("CategoricalParameterRanges", categorical);
    return ranges;
  }
}
