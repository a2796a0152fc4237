package io.classroomml.contract.tuning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.MetricDefinitions.MetricDefinition;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a tuning spec from JSON and checks it against SageMaker's documented constraints
 * (CreateHyperParameterTuningJob API reference and the automatic model tuning limits) and against
 * the trainer's hyperparameter schema ({@link SchemaCheck}): field by field, so that every error
 * names the JSON path, the value and the fix. Schema problems are gathered and reported together; a
 * document SageMaker could not read stops at its first problem, with those gathered so far.
 */
final class TuningSpecParser {

  /** API: each of the three range lists holds at most 30 entries; 30 tunable in total. */
  static final int MAX_RANGES = 30;

  /** API: a categorical range has 1 to 30 values. */
  static final int MAX_CATEGORICAL_VALUES = 30;

  /** Default limit: 750 trials per tuning job (Random can be raised to 10 000 by request). */
  static final int MAX_TRAINING_JOBS = 750;

  /** Default limit 10 parallel trials, raisable to 100; 100 is the most any account gets. */
  static final int MAX_PARALLEL_TRAINING_JOBS = 100;

  /** API: ResourceLimits.MaxRuntimeInSeconds range. */
  static final long MIN_TUNING_RUNTIME = 120;

  static final long MAX_TUNING_RUNTIME = 15_768_000;

  /** API: HyperbandStrategyConfig.MaxResource is at most 20 000. */
  static final int MAX_HYPERBAND_RESOURCE = 20_000;

  /** API: at most 100 static hyperparameters; keys up to 256, values up to 2500 characters. */
  static final int MAX_STATIC = 100;

  static final int MAX_KEY_LENGTH = 256;
  static final int MAX_VALUE_LENGTH = 2500;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> TOP_FIELDS =
      Set.of(
          "Strategy",
          "HyperParameterTuningJobObjective",
          "ParameterRanges",
          "ResourceLimits",
          "TrainingJobEarlyStoppingType",
          "StrategyConfig",
          "RandomSeed",
          "StaticHyperParameters");

  private final String source;
  private final List<TuningSpecException.Problem> problems = new ArrayList<>();

  private TuningSpecParser(String source) {
    this.source = source;
  }

  static TuningSpec parse(String source, String json) {
    return new TuningSpecParser(source).parse(json);
  }

  private TuningSpec parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new TuningSpecException(
          source, "(document)", null, "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw fail("(document)", root == null ? null : root.toString(), "must be a JSON object");
    }
    rejectUnknown(root, "", TOP_FIELDS);
    Strategy strategy = enumValue(root, "Strategy", Strategy.values(), Strategy::apiName);
    Objective objective = objective(root);
    EarlyStoppingType earlyStopping =
        root.has("TrainingJobEarlyStoppingType")
            ? enumValue(
                root,
                "TrainingJobEarlyStoppingType",
                EarlyStoppingType.values(),
                EarlyStoppingType::apiName)
            : EarlyStoppingType.OFF;
    Map<String, String> statics = staticHyperParameters(root);
    ParameterRanges ranges = ranges(root, strategy, statics.keySet());
    ResourceLimits limits = resourceLimits(root, strategy, ranges);
    HyperbandConfig hyperband = hyperband(root, strategy, statics);
    if (strategy == Strategy.HYPERBAND && earlyStopping != EarlyStoppingType.OFF) {
      throw fail(
          "TrainingJobEarlyStoppingType",
          earlyStopping.apiName(),
          "Hyperband has its own early stopping; set it to \"Off\" or choose another Strategy");
    }
    OptionalLong seed = OptionalLong.empty();
    if (root.has("RandomSeed")) {
      long value = longValue(root.get("RandomSeed"), "RandomSeed");
      if (value < 0) {
        throw fail("RandomSeed", Long.toString(value), "must be 0 or more");
      }
      seed = OptionalLong.of(value);
    }
    if (!problems.isEmpty()) {
      throw new TuningSpecException(source, problems);
    }
    return new TuningSpec(
        strategy, objective, ranges, limits, earlyStopping, hyperband, seed, statics);
  }

  private Objective objective(JsonNode root) {
    String path = "HyperParameterTuningJobObjective";
    JsonNode node = object(root, path, path);
    rejectUnknown(node, path + ".", Set.of("Type", "MetricName"));
    ObjectiveType type =
        enumValue(node, path + ".Type", "Type", ObjectiveType.values(), ObjectiveType::apiName);
    String metric = text(node, "MetricName", path + ".MetricName");
    if (MetricDefinitions.named(metric).isEmpty()) {
      throw fail(
          path + ".MetricName",
          metric,
          "no metric definition has this name, so SageMaker could not read it; use one of "
              + MetricDefinitions.all().stream()
                  .map(MetricDefinition::name)
                  .collect(Collectors.joining(", ")));
    }
    return new Objective(type, metric);
  }

  private Map<String, String> staticHyperParameters(JsonNode root) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!root.has("StaticHyperParameters")) {
      return values;
    }
    JsonNode node = object(root, "StaticHyperParameters", "StaticHyperParameters");
    if (node.size() > MAX_STATIC) {
      throw fail(
          "StaticHyperParameters",
          node.size() + " entries",
          "SageMaker allows at most " + MAX_STATIC);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = "StaticHyperParameters." + entry.getKey();
      boolean known = checkName(path, entry.getKey());
      JsonNode value = entry.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw fail(path, value.toString(), "must be a string, number or boolean");
      }
      String text = value.asText();
      if (text.length() > MAX_VALUE_LENGTH) {
        throw fail(path, text, "longer than SageMaker's " + MAX_VALUE_LENGTH + " characters");
      }
      if (known) {
        problems.addAll(SchemaCheck.staticValue(path, entry.getKey(), text));
      }
      values.put(entry.getKey(), text);
    }
    return values;
  }

  private ParameterRanges ranges(JsonNode root, Strategy strategy, Set<String> statics) {
    String path = "ParameterRanges";
    JsonNode node = object(root, path, path);
    rejectUnknown(
        node,
        path + ".",
        Set.of(
            "IntegerParameterRanges", "ContinuousParameterRanges", "CategoricalParameterRanges"));
    Set<String> seen = new HashSet<>();
    List<IntegerRange> integers = new ArrayList<>();
    List<ContinuousRange> continuous = new ArrayList<>();
    List<CategoricalRange> categorical = new ArrayList<>();
    int i = 0;
    for (JsonNode item : array(node, "IntegerParameterRanges", path)) {
      String at = path + ".IntegerParameterRanges[" + i++ + "]";
      rejectUnknown(item, at + ".", Set.of("Name", "MinValue", "MaxValue", "ScalingType"));
      String name = rangeName(item, at, seen, statics);
      long min = longValue(required(item, "MinValue", at), at + ".MinValue");
      long max = longValue(required(item, "MaxValue", at), at + ".MaxValue");
      ScalingType scaling = scaling(item, at);
      if (min > max) {
        throw fail(at + ".MaxValue", Long.toString(max), "must be at least MinValue " + min);
      }
      if (scaling == ScalingType.REVERSE_LOGARITHMIC) {
        throw fail(
            at + ".ScalingType",
            scaling.apiName(),
            "not allowed for integer ranges; use Linear or Logarithmic");
      }
      if (scaling == ScalingType.LOGARITHMIC && min <= 0) {
        throw fail(
            at + ".MinValue",
            Long.toString(min),
            "Logarithmic scaling needs a range above 0; raise MinValue or use Linear");
      }
      IntegerRange range = new IntegerRange(name, min, max, scaling);
      problems.addAll(SchemaCheck.integerRange(at, range));
      integers.add(range);
    }
    i = 0;
    for (JsonNode item : array(node, "ContinuousParameterRanges", path)) {
      String at = path + ".ContinuousParameterRanges[" + i++ + "]";
      rejectUnknown(item, at + ".", Set.of("Name", "MinValue", "MaxValue", "ScalingType"));
      String name = rangeName(item, at, seen, statics);
      double min = doubleValue(required(item, "MinValue", at), at + ".MinValue");
      double max = doubleValue(required(item, "MaxValue", at), at + ".MaxValue");
      ScalingType scaling = scaling(item, at);
      if (min > max) {
        throw fail(at + ".MaxValue", Double.toString(max), "must be at least MinValue " + min);
      }
      if (scaling == ScalingType.LOGARITHMIC && min <= 0) {
        throw fail(
            at + ".MinValue",
            Double.toString(min),
            "Logarithmic scaling needs a range above 0; raise MinValue or use Linear");
      }
      if (scaling == ScalingType.REVERSE_LOGARITHMIC && (min < 0 || max >= 1)) {
        throw fail(
            at + (min < 0 ? ".MinValue" : ".MaxValue"),
            Double.toString(min < 0 ? min : max),
            "ReverseLogarithmic scaling needs 0 <= value < 1; use Linear for other ranges");
      }
      ContinuousRange range = new ContinuousRange(name, min, max, scaling);
      problems.addAll(SchemaCheck.continuousRange(at, range));
      continuous.add(range);
    }
    i = 0;
    for (JsonNode item : array(node, "CategoricalParameterRanges", path)) {
      String at = path + ".CategoricalParameterRanges[" + i++ + "]";
      rejectUnknown(item, at + ".", Set.of("Name", "Values"));
      String name = rangeName(item, at, seen, statics);
      JsonNode values = required(item, "Values", at);
      if (!values.isArray() || values.isEmpty() || values.size() > MAX_CATEGORICAL_VALUES) {
        throw fail(
            at + ".Values",
            values.toString(),
            "must be a list of 1 to " + MAX_CATEGORICAL_VALUES + " values");
      }
      List<String> list = new ArrayList<>();
      for (JsonNode v : values) {
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
          throw fail(at + ".Values", v.toString(), "each value must be a non-empty string");
        }
        if (list.contains(v.asText())) {
          throw fail(at + ".Values", v.asText(), "appears twice; list each value once");
        }
        list.add(v.asText());
      }
      CategoricalRange range = new CategoricalRange(name, list);
      problems.addAll(SchemaCheck.categoricalRange(at, range));
      categorical.add(range);
    }
    checkCount(path + ".IntegerParameterRanges", integers.size());
    checkCount(path + ".ContinuousParameterRanges", continuous.size());
    checkCount(path + ".CategoricalParameterRanges", categorical.size());
    int total = integers.size() + continuous.size() + categorical.size();
    if (total == 0) {
      throw fail(path, node.toString(), "tune at least one hyperparameter");
    }
    if (total > MAX_RANGES) {
      throw fail(path, total + " ranges", "SageMaker tunes at most " + MAX_RANGES);
    }
    if (strategy == Strategy.GRID && (!integers.isEmpty() || !continuous.isEmpty())) {
      String field = !integers.isEmpty() ? "IntegerParameterRanges" : "ContinuousParameterRanges";
      throw fail(
          path + "." + field,
          !integers.isEmpty() ? integers.get(0).name() : continuous.get(0).name(),
          "Grid search takes categorical ranges only; list the values as a"
              + " CategoricalParameterRange or use Strategy Random");
    }
    return new ParameterRanges(integers, continuous, categorical);
  }

  private ResourceLimits resourceLimits(JsonNode root, Strategy strategy, ParameterRanges ranges) {
    String path = "ResourceLimits";
    JsonNode node = object(root, path, path);
    rejectUnknown(
        node,
        path + ".",
        Set.of("MaxNumberOfTrainingJobs", "MaxParallelTrainingJobs", "MaxRuntimeInSeconds"));
    long gridSize = strategy == Strategy.GRID ? ranges.gridSize() : 0;
    long maxJobs;
    if (node.has("MaxNumberOfTrainingJobs")) {
      maxJobs = longValue(node.get("MaxNumberOfTrainingJobs"), path + ".MaxNumberOfTrainingJobs");
      if (strategy == Strategy.GRID && maxJobs != gridSize) {
        throw fail(
            path + ".MaxNumberOfTrainingJobs",
            Long.toString(maxJobs),
            "Grid search runs every combination, so it must equal "
                + gridSize
                + " (or be left out)");
      }
    } else if (strategy == Strategy.GRID) {
      maxJobs = gridSize;
    } else {
      throw fail(path + ".MaxNumberOfTrainingJobs", null, "required unless Strategy is Grid");
    }
    if (maxJobs < 1 || maxJobs > MAX_TRAINING_JOBS) {
      throw fail(
          path + ".MaxNumberOfTrainingJobs",
          Long.toString(maxJobs),
          "must be 1 to " + MAX_TRAINING_JOBS + " (SageMaker's limit per tuning job)");
    }
    long parallel =
        longValue(
            required(node, "MaxParallelTrainingJobs", path), path + ".MaxParallelTrainingJobs");
    if (parallel < 1 || parallel > MAX_PARALLEL_TRAINING_JOBS) {
      throw fail(
          path + ".MaxParallelTrainingJobs",
          Long.toString(parallel),
          "must be 1 to " + MAX_PARALLEL_TRAINING_JOBS);
    }
    if (parallel > maxJobs) {
      throw fail(
          path + ".MaxParallelTrainingJobs",
          Long.toString(parallel),
          "more than MaxNumberOfTrainingJobs " + maxJobs + "; lower it to " + maxJobs);
    }
    OptionalLong runtime = OptionalLong.empty();
    if (node.has("MaxRuntimeInSeconds")) {
      long value = longValue(node.get("MaxRuntimeInSeconds"), path + ".MaxRuntimeInSeconds");
      if (value < MIN_TUNING_RUNTIME || value > MAX_TUNING_RUNTIME) {
        throw fail(
            path + ".MaxRuntimeInSeconds",
            Long.toString(value),
            "must be " + MIN_TUNING_RUNTIME + " to " + MAX_TUNING_RUNTIME + " seconds");
      }
      runtime = OptionalLong.of(value);
    }
    return new ResourceLimits((int) maxJobs, (int) parallel, runtime);
  }

  private HyperbandConfig hyperband(JsonNode root, Strategy strategy, Map<String, String> statics) {
    if (!root.has("StrategyConfig")) {
      if (strategy == Strategy.HYPERBAND
          && !statics.containsKey(TrainerHyperparameters.EPOCHS.name())) {
        throw fail(
            "StrategyConfig.HyperbandStrategyConfig.MaxResource",
            null,
            "Hyperband needs MaxResource or the static hyperparameter \"epochs\" to infer it");
      }
      return strategy == Strategy.HYPERBAND
          ? new HyperbandConfig(OptionalInt.empty(), OptionalInt.empty())
          : null;
    }
    JsonNode config = object(root, "StrategyConfig", "StrategyConfig");
    rejectUnknown(config, "StrategyConfig.", Set.of("HyperbandStrategyConfig"));
    String path = "StrategyConfig.HyperbandStrategyConfig";
    if (strategy != Strategy.HYPERBAND) {
      throw fail(
          "StrategyConfig",
          config.toString(),
          "only Strategy Hyperband takes a StrategyConfig; remove it or set Strategy to"
              + " Hyperband");
    }
    JsonNode node = object(config, "HyperbandStrategyConfig", path);
    rejectUnknown(node, path + ".", Set.of("MinResource", "MaxResource"));
    OptionalInt min = OptionalInt.empty();
    OptionalInt max = OptionalInt.empty();
    if (node.has("MinResource")) {
      min = OptionalInt.of(resource(node.get("MinResource"), path + ".MinResource"));
    }
    if (node.has("MaxResource")) {
      max = OptionalInt.of(resource(node.get("MaxResource"), path + ".MaxResource"));
    } else if (!statics.containsKey(TrainerHyperparameters.EPOCHS.name())) {
      throw fail(
          path + ".MaxResource",
          null,
          "give MaxResource or the static hyperparameter \"epochs\" it is inferred from");
    }
    if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
      throw fail(
          path + ".MinResource",
          Integer.toString(min.getAsInt()),
          "must not exceed MaxResource " + max.getAsInt());
    }
    return new HyperbandConfig(min, max);
  }

  private int resource(JsonNode node, String path) {
    long value = longValue(node, path);
    if (value < 1 || value > MAX_HYPERBAND_RESOURCE) {
      throw fail(path, Long.toString(value), "must be 1 to " + MAX_HYPERBAND_RESOURCE + " epochs");
    }
    return (int) value;
  }

  private String rangeName(JsonNode item, String at, Set<String> seen, Set<String> statics) {
    String name = text(item, "Name", at + ".Name");
    checkName(at + ".Name", name);
    if (!seen.add(name)) {
      throw fail(at + ".Name", name, "is tuned twice; keep one range per hyperparameter");
    }
    if (statics.contains(name)) {
      throw fail(
          at + ".Name",
          name,
          "is also in StaticHyperParameters; a hyperparameter is either tuned or static");
    }
    return name;
  }

  /** Whether the trainer has a hyperparameter called {@code name}; if not, notes the problem. */
  private boolean checkName(String path, String name) {
    if (name.length() > MAX_KEY_LENGTH || !TrainerHyperparameters.isKnown(name)) {
      problems.add(SchemaCheck.unknownName(path, name));
      return false;
    }
    return true;
  }

  private ScalingType scaling(JsonNode item, String at) {
    if (!item.has("ScalingType")) {
      return ScalingType.AUTO;
    }
    return enumValue(
        item, at + ".ScalingType", "ScalingType", ScalingType.values(), ScalingType::apiName);
  }

  private void checkCount(String path, int count) {
    if (count > MAX_RANGES) {
      throw fail(path, count + " ranges", "SageMaker allows at most " + MAX_RANGES);
    }
  }

  private <E extends Enum<E>> E enumValue(
      JsonNode node, String field, E[] values, java.util.function.Function<E, String> api) {
    return enumValue(node, field, field, values, api);
  }

  private <E extends Enum<E>> E enumValue(
      JsonNode node,
      String path,
      String field,
      E[] values,
      java.util.function.Function<E, String> api) {
    String text = text(node, field, path);
    for (E value : values) {
      if (api.apply(value).equals(text)) {
        return value;
      }
    }
    List<String> names = new ArrayList<>();
    for (E value : values) {
      names.add(api.apply(value));
    }
    throw fail(path, text, "must be one of " + String.join(", ", names) + " (case matters)");
  }

  private JsonNode object(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path.contains(".") ? parentPath(path) : "");
    if (!node.isObject()) {
      throw fail(path, node.toString(), "must be a JSON object");
    }
    return node;
  }

  private List<JsonNode> array(JsonNode parent, String field, String parentPath) {
    List<JsonNode> items = new ArrayList<>();
    if (!parent.has(field)) {
      return items;
    }
    JsonNode node = parent.get(field);
    if (!node.isArray()) {
      throw fail(parentPath + "." + field, node.toString(), "must be a JSON list");
    }
    String path = parentPath + "." + field;
    int i = 0;
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw fail(path + "[" + i + "]", item.toString(), "must be a JSON object");
      }
      items.add(item);
      i++;
    }
    return items;
  }

  private JsonNode required(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw fail(parentPath.isEmpty() ? field : parentPath + "." + field, null, "required");
    }
    return node;
  }

  private String text(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw fail(path, null, "required");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw fail(path, node.toString(), "must be a non-empty string");
    }
    return node.asText();
  }

  /** Numbers may be written as JSON numbers or, as the API does, as strings. */
  private long longValue(JsonNode node, String path) {
    try {
      if (node.isIntegralNumber()) {
        return node.asLong();
      }
      if (node.isTextual()) {
        return Long.parseLong(node.asText().strip());
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw fail(path, node.toString(), "must be a whole number");
  }

  private double doubleValue(JsonNode node, String path) {
    double value;
    try {
      if (node.isNumber()) {
        value = node.asDouble();
      } else if (node.isTextual()) {
        value = Double.parseDouble(node.asText().strip());
      } else {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw fail(path, node.toString(), "must be a number");
    }
    if (!Double.isFinite(value)) {
      throw fail(path, node.toString(), "must be a finite number");
    }
    return value;
  }

  private void rejectUnknown(JsonNode node, String prefix, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw fail(
            prefix + name,
            node.get(name).toString(),
            "unknown field; known fields here are "
                + known.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  private static String parentPath(String path) {
    return path.substring(0, path.lastIndexOf('.'));
  }

  /** The first problem SageMaker could not get past, after the schema problems found so far. */
  private TuningSpecException fail(String field, String value, String problem) {
    List<TuningSpecException.Problem> all = new ArrayList<>(problems);
    all.add(new TuningSpecException.Problem(field, value, problem));
    return new TuningSpecException(source, all);
  }
}
