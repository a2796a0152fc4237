package io.classroomml.local.tune;

import io.classroomml.contract.tuning.CategoricalRange;
import io.classroomml.contract.tuning.ParameterRanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination of the categorical values, in order (the last range varies fastest); SageMaker
 * allows categorical ranges only for Grid, which the spec parser already checks.
 */
public final class GridSearch implements SearchStrategy {

  private final List<Map<String, String>> combinations;
  private int nextIndex;

  /** The grid of {@code ranges}. */
  public GridSearch(ParameterRanges ranges) {
    List<Map<String, String>> all = new ArrayList<>();
    all.add(new LinkedHashMap<>());
    for (CategoricalRange range : ranges.categoricalRanges()) {
      List<Map<String, String>> extended = new ArrayList<>();
      for (Map<String, String> partial : all) {
        for (String value : range.values()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(range.name(), value);
          extended.add(m);
        }
      }
      all = extended;
    }
    this.combinations = List.copyOf(all);
  }

  /** How many trials the grid has. */
  public int size() {
    return combinations.size();
  }

  @Override
  public synchronized Optional<Map<String, String>> next(
      List<Observation> done, List<Map<String, String>> pending) {
    return nextIndex < combinations.size()
        ? Optional.of(combinations.get(nextIndex++))
        : Optional.empty();
  }
}
