package io.classroomml.contract.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a tuning spec's {@code StrategyConfig}, which only Hyperband takes: its resource bounds, in
 * epochs. Without {@code MaxResource}, SageMaker infers it from the static {@code epochs}, so one
 * of the two must be there.
 */
final class HyperbandReader {

  /** API: HyperbandStrategyConfig.MaxResource is at most 20 000. */
  static final int MAX_HYPERBAND_RESOURCE = 20_000;

  private final SpecReader r;

  HyperbandReader(SpecReader r) {
    this.r = r;
  }

  /** The config for Hyperband, null for other strategies. */
  HyperbandConfig read(JsonNode root, Strategy strategy, Map<String, String> statics) {
    if (!root.has("StrategyConfig")) {
      if (strategy == Strategy.HYPERBAND
          && !statics.containsKey(TrainerHyperparameters.EPOCHS.name())) {
        throw r.fail(
            "StrategyConfig.HyperbandStrategyConfig.MaxResource",
            null,
            "Hyperband needs MaxResource or the static hyperparameter \"epochs\" to infer it");
      }
      return strategy == Strategy.HYPERBAND
          ? new HyperbandConfig(OptionalInt.empty(), OptionalInt.empty())
          : null;
    }
    JsonNode config = r.object(root, "StrategyConfig", "StrategyConfig");
    r.rejectUnknown(config, "StrategyConfig.", Set.of("HyperbandStrategyConfig"));
    String path = "StrategyConfig.HyperbandStrategyConfig";
    if (strategy != Strategy.HYPERBAND) {
      throw r.fail(
          "StrategyConfig",
          config.toString(),
          "only Strategy Hyperband takes a StrategyConfig; remove it or set Strategy to"
              + " Hyperband");
    }
    JsonNode node = r.object(config, "HyperbandStrategyConfig", path);
    r.rejectUnknown(node, path + ".", Set.of("MinResource", "MaxResource"));
    OptionalInt min = OptionalInt.empty();
    OptionalInt max = OptionalInt.empty();
    if (node.has("MinResource")) {
      min = OptionalInt.of(resource(node.get("MinResource"), path + ".MinResource"));
    }
    if (node.has("MaxResource")) {
      max = OptionalInt.of(resource(node.get("MaxResource"), path + ".MaxResource"));
    } else if (!statics.containsKey(TrainerHyperparameters.EPOCHS.name())) {
      throw r.fail(
          path + ".MaxResource",
          null,
          "give MaxResource or the static hyperparameter \"epochs\" it is inferred from");
    }
    if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
      throw r.fail(
          path + ".MinResource",
          Integer.toString(min.getAsInt()),
          "must not exceed MaxResource " + max.getAsInt());
    }
    return new HyperbandConfig(min, max);
  }

  private int resource(JsonNode node, String path) {
    long value = r.longValue(node, path);
    if (value < 1 || value > MAX_HYPERBAND_RESOURCE) {
      throw r.fail(
          path, Long.toString(value), "must be 1 to " + MAX_HYPERBAND_RESOURCE + " epochs");
    }
    return (int) value;
  }
}
