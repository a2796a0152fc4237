package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import java.util.ArrayList;
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

  @Test
  void sameSeed_sameTrials() {
    TuningSpec random = spec(Strategy.RANDOM, Map.of());
    SearchStrategy a = SearchStrategy.of(random, 5);
    SearchStrategy b = SearchStrategy.of(random, 5);
    for (int i = 0; i < 3; i++) {
      assertThat(a.next(java.util.List.of(), java.util.List.of()))
          .isEqualTo(b.next(java.util.List.of(), java.util.List.of()));
    }
  }
}
