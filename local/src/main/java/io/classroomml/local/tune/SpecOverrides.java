package io.classroomml.local.tune;

import io.classroomml.contract.tuning.CategoricalRange;
import io.classroomml.contract.tuning.ContinuousRange;
import io.classroomml.contract.tuning.EarlyStoppingType;
import io.classroomml.contract.tuning.HyperbandConfig;
import io.classroomml.contract.tuning.IntegerRange;
import io.classroomml.contract.tuning.ParameterRanges;
import io.classroomml.contract.tuning.ResourceLimits;
import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.LocalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Local changes to a tuning spec, so that the course's spec file (the one the AWS pipeline runs)
 * can be tried on a laptop in minutes: fewer trials, less parallelism, another strategy, and
 * hyperparameters pinned to a value (a tuned one stops being tuned). Every change is described in
 * words and recorded in the tuning job, so the difference from the AWS run is never hidden. Pinned
 * values are checked against the trainer's schema, as the spec's own are.
 *
 * @param maxJobs a new {@code MaxNumberOfTrainingJobs}
 * @param maxParallel a new {@code MaxParallelTrainingJobs}
 * @param strategy a new {@code Strategy}
 * @param pinned hyperparameters set to one value for every trial
 */
public record SpecOverrides(
    OptionalInt maxJobs,
    OptionalInt maxParallel,
    Optional<Strategy> strategy,
    Map<String, String> pinned) {

  /** Copies the map. */
  public SpecOverrides {
    pinned = Map.copyOf(new LinkedHashMap<>(pinned));
  }

  /** The spec with these changes; {@code changes} receives one sentence per change. */
  public TuningSpec apply(TuningSpec spec, List<String> changes) {
    TuningSpec.checkHyperparameters("--set", pinned);
    ParameterRanges r = spec.parameterRanges();
    List<IntegerRange> ints = new ArrayList<>(r.integerRanges());
    List<ContinuousRange> reals = new ArrayList<>(r.continuousRanges());
    List<CategoricalRange> cats = new ArrayList<>(r.categoricalRanges());
    Map<String, String> statics = new LinkedHashMap<>(spec.staticHyperParameters());
    pinned.forEach(
        (name, value) -> {
          boolean tuned =
              ints.removeIf(x -> x.name().equals(name))
                  | reals.removeIf(x -> x.name().equals(name))
                  | cats.removeIf(x -> x.name().equals(name));
          String before = statics.put(name, value);
          changes.add(
              name
                  + "="
                  + value
                  + (tuned
                      ? " (tuned in the spec)"
                      : before != null ? " (spec: " + before + ")" : ""));
        });
    Strategy strategy = this.strategy.orElse(spec.strategy());
    if (strategy != spec.strategy()) {
      changes.add("Strategy " + strategy.apiName() + " (spec: " + spec.strategy().apiName() + ")");
    }
    if (strategy == Strategy.GRID && (!ints.isEmpty() || !reals.isEmpty())) {
      throw new LocalException(
          "Grid search takes categorical ranges only; this spec also tunes "
              + new ParameterRanges(ints, reals, List.of()).names()
              + ": pin them with --set NAME=VALUE or choose another --strategy");
    }
    EarlyStoppingType early = spec.earlyStopping();
    HyperbandConfig hyperband = spec.hyperband();
    if (strategy == Strategy.HYPERBAND) {
      if (early != EarlyStoppingType.OFF) {
        changes.add("TrainingJobEarlyStoppingType Off (Hyperband stops trials itself)");
      }
      early = EarlyStoppingType.OFF;
      if (hyperband == null) {
        hyperband = new HyperbandConfig(OptionalInt.empty(), OptionalInt.empty());
      }
    } else {
      hyperband = null;
    }
    ResourceLimits limits = spec.resourceLimits();
    int jobs = maxJobs.orElse(limits.maxNumberOfTrainingJobs());
    int parallel = maxParallel.orElse(limits.maxParallelTrainingJobs());
    if (jobs < 1 || parallel < 1) {
      throw new LocalException("--max-jobs and --max-parallel must be at least 1");
    }
    if (jobs != limits.maxNumberOfTrainingJobs()) {
      changes.add(
          "MaxNumberOfTrainingJobs " + jobs + " (spec: " + limits.maxNumberOfTrainingJobs() + ")");
    }
    if (parallel != limits.maxParallelTrainingJobs()) {
      changes.add(
          "MaxParallelTrainingJobs "
              + parallel
              + " (spec: "
              + limits.maxParallelTrainingJobs()
              + ")");
    }
    return new TuningSpec(
        strategy,
        spec.objective(),
        new ParameterRanges(ints, reals, cats),
        new ResourceLimits(jobs, parallel, limits.maxRuntimeInSeconds()),
        early,
        hyperband,
        spec.randomSeed(),
        statics);
  }
}
