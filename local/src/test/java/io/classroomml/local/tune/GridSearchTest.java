package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.CategoricalRange;
import io.classroomml.contract.tuning.ParameterRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridSearchTest {

  @Test
  void next_yieldsEveryCombinationOnceThenNothing() {
    GridSearch grid =
        new GridSearch(
            new ParameterRanges(
                List.of(),
                List.of(),
                List.of(
                    new CategoricalRange("optimizer", List.of("sgd", "adam")),
                    new CategoricalRange("batch_size", List.of("32", "64", "128")))));
    List<Map<String, String>> seen = new ArrayList<>();
    Optional<Map<String, String>> next;
    while ((next = grid.next(List.of(), List.of())).isPresent()) {
      seen.add(next.get());
    }
    assertThat(grid.size()).isEqualTo(6);
    assertThat(seen).hasSize(6).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isEqualTo(Map.of("optimizer", "sgd", "batch_size", "32"));
    assertThat(seen.get(5)).isEqualTo(Map.of("optimizer", "adam", "batch_size", "128"));
  }
}
