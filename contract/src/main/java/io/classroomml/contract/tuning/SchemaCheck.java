package io.classroomml.contract.tuning;

import io.classroomml.contract.DidYouMean;
import io.classroomml.contract.hyperparameters.Hyperparameter;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.contract.tuning.TuningSpecException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the values a tuning spec would send to the trainer against the trainer's hyperparameter
 * schema, so that a value the trainer refuses ({@code optimizer: rmsprop}, {@code batch_size: 0})
 * fails at synth or before a local trial, not on a started (and billed) instance. Each check
 * returns its problems; the parser reports them all together.
 */
final class SchemaCheck {

  private SchemaCheck() {}

  /** The problem of a name the trainer does not have. */
  static Problem unknownName(String path, String name) {
    return new Problem(
        path,
        name,
        "the trainer has no such hyperparameter; use one of "
            + String.join(", ", TrainerHyperparameters.NAMES.stream().sorted().toList())
            + DidYouMean.hint(name, TrainerHyperparameters.NAMES));
  }

  /** A static hyperparameter's value. */
  static List<Problem> staticValue(String path, String name, String value) {
    return schema(name).flatMap(h -> valueProblem(path, h, value)).stream().toList();
  }

  /** Every value of a categorical range. */
  static List<Problem> categoricalRange(String at, CategoricalRange range) {
    List<Problem> problems = new ArrayList<>();
    schema(range.name())
        .ifPresent(
            h ->
                range
                    .values()
                    .forEach(v -> valueProblem(at + ".Values", h, v).ifPresent(problems::add)));
    return problems;
  }

  /** An integer range: a number the trainer takes, both bounds in its range. */
  static List<Problem> integerRange(String at, IntegerRange range) {
    return numericRange(at, range.name(), range.minValue(), range.maxValue(), false);
  }

  /** A continuous range: a real number the trainer takes, both bounds in its range. */
  static List<Problem> continuousRange(String at, ContinuousRange range) {
    return numericRange(at, range.name(), range.minValue(), range.maxValue(), true);
  }

  private static List<Problem> numericRange(
      String at, String name, double min, double max, boolean continuous) {
    Optional<Hyperparameter> found = schema(name);
    if (found.isEmpty()) {
      return List.of();
    }
    Hyperparameter h = found.get();
    if (!h.isNumeric()) {
      return List.of(
          new Problem(
              at + ".Name",
              name,
              name + " takes " + h.valid() + "; list the values as a CategoricalParameterRange"));
    }
    if (continuous && h.type() == Hyperparameter.Type.INTEGER) {
      return List.of(
          new Problem(
              at + ".Name",
              name,
              name
                  + " takes whole numbers only ("
                  + h.valid()
                  + "); tune it with an IntegerParameterRange or a CategoricalParameterRange"));
    }
    List<Problem> problems = new ArrayList<>();
    if (!h.inRange(min)) {
      problems.add(bound(at + ".MinValue", min, h, continuous));
    }
    if (!h.inRange(max)) {
      problems.add(bound(at + ".MaxValue", max, h, continuous));
    }
    return problems;
  }

  private static Problem bound(String path, double value, Hyperparameter h, boolean continuous) {
    return new Problem(
        path,
        continuous ? Double.toString(value) : Long.toString((long) value),
        "outside what the trainer takes for " + h.name() + "; use " + h.valid());
  }

  private static Optional<Problem> valueProblem(String path, Hyperparameter h, String value) {
    return h.problem(value)
        .map(
            why ->
                new Problem(
                    path, value, "not a valid " + h.name() + " (" + why + "); use " + h.valid()));
  }

  private static Optional<Hyperparameter> schema(String name) {
    return TrainerHyperparameters.named(name);
  }
}
