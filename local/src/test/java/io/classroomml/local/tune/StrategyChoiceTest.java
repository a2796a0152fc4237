package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StrategyChoiceTest {

  private static TuningSpec spec(Strategy strategy, Map<String, String> pinned) {
    return new SpecOverrides(
            OptionalInt.empty(), OptionalInt.empty(), Optional.of(strategy), pinned)
        .apply(TuningSpec.defaultSpec(), new ArrayList<>());
  }

  @Test
  void eachStrategyGetsItsSearchAndStopper() {
    assertThat(SearchStrategy.of(spec(Strategy.RANDOM, Map.of()), 1))
        .isInstanceOf(RandomSearch.class);
    assertThat(SearchStrategy.of(spec(Strategy.BAYESIAN, Map.of()), 1))
        .isInstanceOf(BayesianSearch.class);
    TuningSpec grid =
        spec(Strategy.GRID, Map.of("learning_rate", "0.01", "weight_decay", "0.0005"));
    assertThat(SearchStrategy.of(grid, 1)).isInstanceOf(GridSearch.class);
    // the default spec asks for Auto early stopping: the median rule
    assertThat(TrialStopper.of(spec(Strategy.RANDOM, Map.of()), 10))
        .isInstanceOf(MedianStopping.class);
    TuningSpec hyperband = spec(Strategy.HYPERBAND, Map.of());
    assertThat(SearchStrategy.of(hyperband, 1)).isInstanceOf(RandomSearch.class);
    assertThat(TrialStopper.of(hyperband, LocalTuner.epochs(hyperband)))
        .isInstanceOfSatisfying(
            SuccessiveHalving.class, s -> assertThat(s.rungs()).containsExactly(1, 3, 9));
  }

  /** A Random search over one range, with the given {@code RandomSeed} line (or none). */
  private static TuningSpec randomSpec(String randomSeed) {
    return TuningSpec.parse(
        "{\"Strategy\": \"Random\", "
            + randomSeed
            + "\"HyperParameterTuningJobObjective\": {\"Type\": \"Maximize\", \"MetricName\":"
            + " \"validation:accuracy\"}, \"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 4,"
            + " \"MaxParallelTrainingJobs\": 2}, \"ParameterRanges\": {\"ContinuousParameterRanges\":"
            + " [{\"Name\": \"learning_rate\", \"MinValue\": \"0.001\", \"MaxValue\": \"0.1\","
            + " \"ScalingType\": \"Logarithmic\"}]}, \"StaticHyperParameters\": {\"epochs\":"
            + " \"2\"}}");
  }

  private static List<Optional<Map<String, String>>> trials(SearchStrategy search) {
    List<Optional<Map<String, String>>> trials = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trials.add(search.next(List.of(), List.of()));
    }
    return trials;
  }

  @Test
  void sameSeed_sameTrials_otherSeed_otherTrials() {
    TuningSpec unseeded = randomSpec("");

    assertThat(trials(SearchStrategy.of(unseeded, 5)))
        .isEqualTo(trials(SearchStrategy.of(unseeded, 5)))
        .isNotEqualTo(trials(SearchStrategy.of(unseeded, 6)));
  }

  @Test
  void specRandomSeed_winsOverTheSeedGiven() {
    TuningSpec seeded = randomSpec("\"RandomSeed\": 7, ");

    assertThat(trials(SearchStrategy.of(seeded, 5)))
        .isEqualTo(trials(SearchStrategy.of(seeded, 6)))
        .isEqualTo(trials(SearchStrategy.of(randomSpec(""), 7)));
  }
}
