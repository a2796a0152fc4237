package io.classroomml.local.tune;

import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the tuned hyperparameters of the next trial. */
public interface SearchStrategy {

  /**
   * The next trial's tuned values, or empty when the strategy has nothing left (Grid).
   *
   * @param done finished trials that reported the objective
   * @param pending trials started but not finished
   */
  Optional<Map<String, String>> next(List<Observation> done, List<Map<String, String>> pending);

  /** The strategy {@code spec} asks for, seeded with its {@code RandomSeed} (or {@code seed}). */
  static SearchStrategy of(TuningSpec spec, long seed) {
    ParameterSpace space = new ParameterSpace(spec.parameterRanges());
    long s = spec.randomSeed().orElse(seed);
    Strategy strategy = spec.strategy();
    return switch (strategy) {
      case RANDOM, HYPERBAND -> new RandomSearch(space, s);
      case GRID -> new GridSearch(spec.parameterRanges());
      case BAYESIAN -> new BayesianSearch(space, s);
    };
  }
}
