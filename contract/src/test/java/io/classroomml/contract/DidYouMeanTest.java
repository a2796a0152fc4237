package io.classroomml.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link DidYouMean}. */
class DidYouMeanTest {

  private static final List<String> KNOWN = List.of("budgetUsd", "trainingSpot", "learning_rate");

  @Test
  void hint_namesTheNearestKnownName_ignoringCase() {
    assertThat(DidYouMean.hint("budgetUSD", KNOWN)).isEqualTo(" (did you mean 'budgetUsd'?)");
    assertThat(DidYouMean.hint("trainingSpto", KNOWN)).isEqualTo(" (did you mean 'trainingSpot'?)");
    assertThat(DidYouMean.closest("learning_rat", KNOWN)).contains("learning_rate");
  }

  @Test
  void hint_isEmpty_whenNothingIsNear() {
    assertThat(DidYouMean.hint("colour", KNOWN)).isEmpty();
    assertThat(DidYouMean.closest("x", List.of())).isEmpty();
  }
}
