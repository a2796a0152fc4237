package io.classroomml.contract.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a tuning spec's {@code ResourceLimits} within SageMaker's limits: how many trials, how many
 * at once (never more than the trials), and the optional runtime. Grid search runs every
 * combination, so its trial count follows from the ranges.
 */
final class ResourceLimitsReader {

  /** Default limit: 750 trials per tuning job (Random can be raised to 10 000 by request). */
  static final int MAX_TRAINING_JOBS = 750;

  /** Default limit 10 parallel trials, raisable to 100; 100 is the most any account gets. */
  static final int MAX_PARALLEL_TRAINING_JOBS = 100;

  /** API: ResourceLimits.MaxRuntimeInSeconds range. */
  static final long MIN_TUNING_RUNTIME = 120;

  static final long MAX_TUNING_RUNTIME = 15_768_000;

  private final SpecReader r;

  ResourceLimitsReader(SpecReader r) {
    this.r = r;
  }

  ResourceLimits read(JsonNode root, Strategy strategy, ParameterRanges ranges) {
    String path = "ResourceLimits";
    JsonNode node = r.object(root, path, path);
    r.rejectUnknown(
        node,
        path + ".",
        Set.of("MaxNumberOfTrainingJobs", "MaxParallelTrainingJobs", "MaxRuntimeInSeconds"));
    long gridSize = strategy == Strategy.GRID ? ranges.gridSize() : 0;
    long maxJobs;
    if (node.has("MaxNumberOfTrainingJobs")) {
      maxJobs = r.longValue(node.get("MaxNumberOfTrainingJobs"), path + ".MaxNumberOfTrainingJobs");
      if (strategy == Strategy.GRID && maxJobs != gridSize) {
        throw r.fail(
            path + ".MaxNumberOfTrainingJobs",
            Long.toString(maxJobs),
            "Grid search runs every combination, so it must equal "
                + gridSize
                + " (or be left out)");
      }
    } else if (strategy == Strategy.GRID) {
      maxJobs = gridSize;
    } else {
      throw r.fail(path + ".MaxNumberOfTrainingJobs", null, "required unless Strategy is Grid");
    }
    if (maxJobs < 1 || maxJobs > MAX_TRAINING_JOBS) {
      throw r.fail(
          path + ".MaxNumberOfTrainingJobs",
          Long.toString(maxJobs),
          "must be 1 to " + MAX_TRAINING_JOBS + " (SageMaker's limit per tuning job)");
    }
    long parallel =
        r.longValue(
            r.required(node, "MaxParallelTrainingJobs", path), path + ".MaxParallelTrainingJobs");
    if (parallel < 1 || parallel > MAX_PARALLEL_TRAINING_JOBS) {
      throw r.fail(
          path + ".MaxParallelTrainingJobs",
          Long.toString(parallel),
          "must be 1 to " + MAX_PARALLEL_TRAINING_JOBS);
    }
    if (parallel > maxJobs) {
      throw r.fail(
          path + ".MaxParallelTrainingJobs",
          Long.toString(parallel),
          "more than MaxNumberOfTrainingJobs " + maxJobs + "; lower it to " + maxJobs);
    }
    OptionalLong runtime = OptionalLong.empty();
    if (node.has("MaxRuntimeInSeconds")) {
      long value = r.longValue(node.get("MaxRuntimeInSeconds"), path + ".MaxRuntimeInSeconds");
      if (value < MIN_TUNING_RUNTIME || value > MAX_TUNING_RUNTIME) {
        throw r.fail(
            path + ".MaxRuntimeInSeconds",
            Long.toString(value),
            "must be " + MIN_TUNING_RUNTIME + " to " + MAX_TUNING_RUNTIME + " seconds");
      }
      runtime = OptionalLong.of(value);
    }
    return new ResourceLimits((int) maxJobs, (int) parallel, runtime);
  }
}
