package io.classroomml.contract.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ParameterRanges}: the hyperparameters the tuner varies.
 *
 * @param integerRanges whole-number ranges
 * @param continuousRanges real-number ranges
 * @param categoricalRanges lists of values
 */
public record ParameterRanges(
    List<IntegerRange> integerRanges,
    List<ContinuousRange> continuousRanges,
    List<CategoricalRange> categoricalRanges) {

  /** Copies the lists so that the ranges cannot change after they are made. */
  public ParameterRanges {
    integerRanges = List.copyOf(integerRanges);
    continuousRanges = List.copyOf(continuousRanges);
    categoricalRanges = List.copyOf(categoricalRanges);
  }

  /** The names of all tuned hyperparameters, integer first, then continuous, then categorical. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    integerRanges.forEach(r -> names.add(r.name()));
    continuousRanges.forEach(r -> names.add(r.name()));
    categoricalRanges.forEach(r -> names.add(r.name()));
    return List.copyOf(names);
  }

  /** The number of grid combinations: the product of the categorical value counts. */
  public long gridSize() {
    long size = 1;
    for (CategoricalRange range : categoricalRanges) {
      size = Math.multiplyExact(size, range.values().size());
    }
    return size;
  }
}
