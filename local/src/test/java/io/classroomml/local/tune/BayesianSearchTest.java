package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.CategoricalRange;
import io.classroomml.contract.tuning.ContinuousRange;
import io.classroomml.contract.tuning.ParameterRanges;
import io.classroomml.contract.tuning.ScalingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BayesianSearchTest {

  private static final ParameterSpace SPACE =
      new ParameterSpace(
          new ParameterRanges(
              List.of(),
              List.of(
                  new ContinuousRange("learning_rate", 1e-4, 1, ScalingType.LOGARITHMIC),
                  new ContinuousRange("dropout", 0, 0.9, ScalingType.LINEAR)),
              List.of()));

  private static final ParameterSpace WITH_CATEGORY =
      new ParameterSpace(
          new ParameterRanges(
              List.of(),
              List.of(
                  new ContinuousRange("learning_rate", 1e-4, 1, ScalingType.LOGARITHMIC),
                  new ContinuousRange("dropout", 0, 0.9, ScalingType.LINEAR)),
              List.of(new CategoricalRange("optimizer", List.of("sgd", "adam", "adamw")))));

  /** A smooth objective with its best (0) at lr = 0.01, dropout = 0.3 (and optimizer adam). */
  private static double objective(Map<String, String> hp) {
    double lr = Math.log10(Double.parseDouble(hp.get("learning_rate")));
    double dropout = Double.parseDouble(hp.get("dropout"));
    double bonus = hp.getOrDefault("optimizer", "adam").equals("adam") ? 0 : -0.5;
    return -(lr + 2) * (lr + 2) - 4 * (dropout - 0.3) * (dropout - 0.3) + bonus;
  }

  private static double bestAfter(SearchStrategy strategy, int trials) {
    List<Observation> done = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < trials; i++) {
      Map<String, String> hp = strategy.next(List.copyOf(done), List.of()).orElseThrow();
      double y = objective(hp);
      done.add(new Observation(hp, y));
      best = Math.max(best, y);
    }
    return best;
  }

  @Test
  void findsABetterOptimumThanRandomSearchWithTheSameBudget() {
    double bayes = 0;
    double random = 0;
    int seeds = 5;
    for (long seed = 1; seed <= seeds; seed++) {
      bayes += bestAfter(new BayesianSearch(SPACE, seed), 15);
      random += bestAfter(new RandomSearch(SPACE, seed), 15);
    }
    assertThat(bayes / seeds).isGreaterThan(random / seeds);
    assertThat(bayes / seeds).isGreaterThan(-0.05); // lr within about 0.2 decades of the optimum
  }

  @Test
  void withACategoricalRange_stillBeatsRandomSearch() {
    double bayes = 0;
    double random = 0;
    for (long seed = 1; seed <= 5; seed++) {
      bayes += bestAfter(new BayesianSearch(WITH_CATEGORY, seed), 15);
      random += bestAfter(new RandomSearch(WITH_CATEGORY, seed), 15);
    }
    assertThat(bayes).isGreaterThan(random);
  }

  @Test
  void pendingTrialsAreNotProposedAgain() {
    BayesianSearch search = new BayesianSearch(WITH_CATEGORY, 7);
    List<Observation> done = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, String> hp = search.next(List.copyOf(done), List.of()).orElseThrow();
      done.add(new Observation(hp, objective(hp)));
    }
    Map<String, String> first = search.next(done, List.of()).orElseThrow();
    Map<String, String> second = search.next(done, List.of(first)).orElseThrow();
    assertThat(second).isNotEqualTo(first);
  }
}
