package io.classroomml.contract.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a tuning spec's {@code ParameterRanges}: the integer, continuous and categorical ranges,
 * each checked against SageMaker's rules for its scaling and against the trainer's schema ({@link
 * SchemaCheck}), and the ranges together against SageMaker's counts and the strategy.
 */
final class RangesReader {

  /** API: each of the three range lists holds at most 30 entries; 30 tunable in total. */
  static final int MAX_RANGES = 30;

  /** API: a categorical range has 1 to 30 values. */
  static final int MAX_CATEGORICAL_VALUES = 30;

  private final SpecReader r;

  RangesReader(SpecReader r) {
    this.r = r;
  }

  /** {@code statics} are the static hyperparameters' names, which no range may tune. */
  ParameterRanges read(JsonNode root, Strategy strategy, Set<String> statics) {
    String path = "ParameterRanges";
    JsonNode node = r.object(root, path, path);
    r.rejectUnknown(
        node,
        path + ".",
        Set.of(
            "IntegerParameterRanges", "ContinuousParameterRanges", "CategoricalParameterRanges"));
    Set<String> seen = new HashSet<>();
    List<IntegerRange> integers = new ArrayList<>();
    List<ContinuousRange> continuous = new ArrayList<>();
    List<CategoricalRange> categorical = new ArrayList<>();
    int i = 0;
    for (JsonNode item : r.array(node, "IntegerParameterRanges", path)) {
      String at = path + ".IntegerParameterRanges[" + i++ + "]";
      r.rejectUnknown(item, at + ".", Set.of("Name", "MinValue", "MaxValue", "ScalingType"));
      String name = rangeName(item, at, seen, statics);
      long min = r.longValue(r.required(item, "MinValue", at), at + ".MinValue");
      long max = r.longValue(r.required(item, "MaxValue", at), at + ".MaxValue");
      ScalingType scaling = scaling(item, at);
      if (min > max) {
        throw r.fail(at + ".MaxValue", Long.toString(max), "must be at least MinValue " + min);
      }
      if (scaling == ScalingType.REVERSE_LOGARITHMIC) {
        throw r.fail(
            at + ".ScalingType",
            scaling.apiName(),
            "not allowed for integer ranges; use Linear or Logarithmic");
      }
      if (scaling == ScalingType.LOGARITHMIC && min <= 0) {
        throw r.fail(
            at + ".MinValue",
            Long.toString(min),
            "Logarithmic scaling needs a range above 0; raise MinValue or use Linear");
      }
      IntegerRange range = new IntegerRange(name, min, max, scaling);
      r.note(SchemaCheck.integerRange(at, range));
      integers.add(range);
    }
    i = 0;
    for (JsonNode item : r.array(node, "ContinuousParameterRanges", path)) {
      String at = path + ".ContinuousParameterRanges[" + i++ + "]";
      r.rejectUnknown(item, at + ".", Set.of("Name", "MinValue", "MaxValue", "ScalingType"));
      String name = rangeName(item, at, seen, statics);
      double min = r.doubleValue(r.required(item, "MinValue", at), at + ".MinValue");
      double max = r.doubleValue(r.required(item, "MaxValue", at), at + ".MaxValue");
      ScalingType scaling = scaling(item, at);
      if (min > max) {
        throw r.fail(at + ".MaxValue", Double.toString(max), "must be at least MinValue " + min);
      }
      if (scaling == ScalingType.LOGARITHMIC && min <= 0) {
        throw r.fail(
            at + ".MinValue",
            Double.toString(min),
            "Logarithmic scaling needs a range above 0; raise MinValue or use Linear");
      }
      if (scaling == ScalingType.REVERSE_LOGARITHMIC && (min < 0 || max >= 1)) {
        throw r.fail(
            at + (min < 0 ? ".MinValue" : ".MaxValue"),
            Double.toString(min < 0 ? min : max),
            "ReverseLogarithmic scaling needs 0 <= value < 1; use Linear for other ranges");
      }
      ContinuousRange range = new ContinuousRange(name, min, max, scaling);
      r.note(SchemaCheck.continuousRange(at, range));
      continuous.add(range);
    }
    i = 0;
    for (JsonNode item : r.array(node, "CategoricalParameterRanges", path)) {
      String at = path + ".CategoricalParameterRanges[" + i++ + "]";
      r.rejectUnknown(item, at + ".", Set.of("Name", "Values"));
      String name = rangeName(item, at, seen, statics);
      JsonNode values = r.required(item, "Values", at);
      if (!values.isArray() || values.isEmpty() || values.size() > MAX_CATEGORICAL_VALUES) {
        throw r.fail(
            at + ".Values",
            values.toString(),
            "must be a list of 1 to " + MAX_CATEGORICAL_VALUES + " values");
      }
      List<String> list = new ArrayList<>();
      for (JsonNode v : values) {
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
          throw r.fail(at + ".Values", v.toString(), "each value must be a non-empty string");
        }
        if (list.contains(v.asText())) {
          throw r.fail(at + ".Values", v.asText(), "appears twice; list each value once");
        }
        list.add(v.asText());
      }
      CategoricalRange range = new CategoricalRange(name, list);
      r.note(SchemaCheck.categoricalRange(at, range));
      categorical.add(range);
    }
    checkCount(path + ".IntegerParameterRanges", integers.size());
    checkCount(path + ".ContinuousParameterRanges", continuous.size());
    checkCount(path + ".CategoricalParameterRanges", categorical.size());
    int total = integers.size() + continuous.size() + categorical.size();
    if (total == 0) {
      throw r.fail(path, node.toString(), "tune at least one hyperparameter");
    }
    if (total > MAX_RANGES) {
      throw r.fail(path, total + " ranges", "SageMaker tunes at most " + MAX_RANGES);
    }
    if (strategy == Strategy.GRID && (!integers.isEmpty() || !continuous.isEmpty())) {
      String field = !integers.isEmpty() ? "IntegerParameterRanges" : "ContinuousParameterRanges";
      throw r.fail(
          path + "." + field,
          !integers.isEmpty() ? integers.get(0).name() : continuous.get(0).name(),
          "Grid search takes categorical ranges only; list the values as a"
              + " CategoricalParameterRange or use Strategy Random");
    }
    return new ParameterRanges(integers, continuous, categorical);
  }

  private String rangeName(JsonNode item, String at, Set<String> seen, Set<String> statics) {
    String name = r.text(item, "Name", at + ".Name");
    r.checkName(at + ".Name", name);
    if (!seen.add(name)) {
      throw r.fail(at + ".Name", name, "is tuned twice; keep one range per hyperparameter");
    }
    if (statics.contains(name)) {
      throw r.fail(
          at + ".Name",
          name,
          "is also in StaticHyperParameters; a hyperparameter is either tuned or static");
    }
    return name;
  }

  private ScalingType scaling(JsonNode item, String at) {
    if (!item.has("ScalingType")) {
      return ScalingType.AUTO;
    }
    return r.enumValue(
        item, at + ".ScalingType", "ScalingType", ScalingType.values(), ScalingType::apiName);
  }

  private void checkCount(String path, int count) {
    if (count > MAX_RANGES) {
      throw r.fail(path, count + " ranges", "SageMaker allows at most " + MAX_RANGES);
    }
  }
}
