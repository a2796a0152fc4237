package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.ObjectiveType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {

  private static TuningJobRecord.TrialSummary trial(String name, String status, Double objective) {
    return new TuningJobRecord.TrialSummary(
        name, status, Map.of(), objective, "Succeeded", null, 1, List.of());
  }

  private static final List<TuningJobRecord.TrialSummary> TRIALS =
      List.of(
          trial("a", "Completed", 0.5),
          trial("b", "Failed", 0.99),
          trial("c", "Stopped", 0.7),
          trial("d", "Completed", null),
          trial("e", "Completed", 0.2));

  private static List<String> names(List<TuningJobRecord.TrialSummary> trials) {
    return trials.stream().map(TuningJobRecord.TrialSummary::name).toList();
  }

  @Test
  void trialsRankByTheObjectivesDirection_failedAndUnmeasuredLastInStartOrder() {
    assertThat(names(Leaderboard.ranked(TRIALS, ObjectiveType.MAXIMIZE)))
        .containsExactly("c", "a", "e", "b", "d");
    assertThat(names(Leaderboard.ranked(TRIALS, ObjectiveType.MINIMIZE)))
        .containsExactly("e", "a", "c", "b", "d");
  }

  @Test
  void theBestTrialIsTheFirstRanked_andNoneWhenNoTrialCanBeRanked() {
    assertThat(Leaderboard.best(TRIALS, ObjectiveType.MAXIMIZE))
        .get()
        .extracting(t -> t.name())
        .isEqualTo("c");
    assertThat(Leaderboard.best(List.of(TRIALS.get(1), TRIALS.get(3)), ObjectiveType.MAXIMIZE))
        .isEmpty();
  }
}
