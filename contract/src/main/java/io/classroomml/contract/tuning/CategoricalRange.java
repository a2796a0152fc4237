package io.classroomml.contract.tuning;

import java.util.List;

/**
 * {@code CategoricalParameterRange}: one of a list of values (1 to 30 of them).
 *
 * @param name the hyperparameter
 * @param values the candidate values, as the strings the trainer receives
 */
public record CategoricalRange(String name, List<String> values) {

  /** Copies {@code values} so that a range cannot change after it is made. */
  public CategoricalRange {
    values = List.copyOf(values);
  }
}
