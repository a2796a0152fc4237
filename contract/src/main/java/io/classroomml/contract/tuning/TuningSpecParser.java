package io.classroomml.contract.tuning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.MetricDefinitions.MetricDefinition;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a tuning spec from JSON and checks it against SageMaker's documented constraints
 * (CreateHyperParameterTuningJob API reference and the automatic model tuning limits) and against
 * the trainer's hyperparameter schema ({@link SchemaCheck}): field by field, so that every error
 * names the JSON path, the value and the fix. Schema problems are gathered and reported together; a
 * document SageMaker could not read stops at its first problem, with those gathered so far.
 *
 * <p>This class reads the top level, the objective and the static hyperparameters; {@link
 * RangesReader}, {@link ResourceLimitsReader} and {@link HyperbandReader} read their sections, all
 * through one {@link SpecReader}.
 */
final class TuningSpecParser {

  /** API: at most 100 static hyperparameters; values up to 2500 characters. */
  static final int MAX_STATIC = 100;

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
  private final SpecReader r;

  private TuningSpecParser(String source) {
    this.source = source;
    this.r = new SpecReader(source);
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
      throw r.fail("(document)", root == null ? null : root.toString(), "must be a JSON object");
    }
    r.rejectUnknown(root, "", TOP_FIELDS);
    Strategy strategy = r.enumValue(root, "Strategy", Strategy.values(), Strategy::apiName);
    Objective objective = objective(root);
    EarlyStoppingType earlyStopping =
        root.has("TrainingJobEarlyStoppingType")
            ? r.enumValue(
                root,
                "TrainingJobEarlyStoppingType",
                EarlyStoppingType.values(),
                EarlyStoppingType::apiName)
            : EarlyStoppingType.OFF;
    Map<String, String> statics = staticHyperParameters(root);
    ParameterRanges ranges = new RangesReader(r).read(root, strategy, statics.keySet());
    ResourceLimits limits = new ResourceLimitsReader(r).read(root, strategy, ranges);
    HyperbandConfig hyperband = new HyperbandReader(r).read(root, strategy, statics);
    if (strategy == Strategy.HYPERBAND && earlyStopping != EarlyStoppingType.OFF) {
      throw r.fail(
          "TrainingJobEarlyStoppingType",
          earlyStopping.apiName(),
          "Hyperband has its own early stopping; set it to \"Off\" or choose another Strategy");
    }
    OptionalLong seed = OptionalLong.empty();
    if (root.has("RandomSeed")) {
      long value = r.longValue(root.get("RandomSeed"), "RandomSeed");
      if (value < 0) {
        throw r.fail("RandomSeed", Long.toString(value), "must be 0 or more");
      }
      seed = OptionalLong.of(value);
    }
    r.throwNoted();
    return new TuningSpec(
        strategy, objective, ranges, limits, earlyStopping, hyperband, seed, statics);
  }

  private Objective objective(JsonNode root) {
    String path = "HyperParameterTuningJobObjective";
    JsonNode node = r.object(root, path, path);
    r.rejectUnknown(node, path + ".", Set.of("Type", "MetricName"));
    ObjectiveType type =
        r.enumValue(node, path + ".Type", "Type", ObjectiveType.values(), ObjectiveType::apiName);
    String metric = r.text(node, "MetricName", path + ".MetricName");
    if (MetricDefinitions.named(metric).isEmpty()) {
      throw r.fail(
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
    JsonNode node = r.object(root, "StaticHyperParameters", "StaticHyperParameters");
    if (node.size() > MAX_STATIC) {
      throw r.fail(
          "StaticHyperParameters",
          node.size() + " entries",
          "SageMaker allows at most " + MAX_STATIC);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = "StaticHyperParameters." + entry.getKey();
      boolean known = r.checkName(path, entry.getKey());
      JsonNode value = entry.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw r.fail(path, value.toString(), "must be a string, number or boolean");
      }
      String text = value.asText();
      if (text.length() > MAX_VALUE_LENGTH) {
        throw r.fail(path, text, "longer than SageMaker's " + MAX_VALUE_LENGTH + " characters");
      }
      if (known) {
        r.note(SchemaCheck.staticValue(path, entry.getKey(), text));
      }
      values.put(entry.getKey(), text);
    }
    return values;
  }
}
