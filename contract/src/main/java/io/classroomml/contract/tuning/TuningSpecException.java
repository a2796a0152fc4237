package io.classroomml.contract.tuning;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A tuning spec that SageMaker (or the local tuner, or the trainer its trials run) would reject.
 * Carries the source and, for each problem, the field path (e.g. {@code
 * ParameterRanges.ContinuousParameterRanges[0].MinValue}), the bad value and the fix, so the
 * message can say all four. Problems found against the trainer's hyperparameter schema are all
 * listed at once; a malformed document stops at its first problem.
 */
public final class TuningSpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * One thing wrong with a spec.
   *
   * @param field the JSON path of the bad field
   * @param value the bad value as written, or {@code null} when the field is missing
   * @param problem what is wrong and how to fix it
   */
  public record Problem(String field, String value, String problem) {

    @Override
    public String toString() {
      return field + (value == null ? " is missing" : " = " + value) + ": " + problem;
    }
  }

  private final String source;
  private final List<Problem> problems;

  /**
   * @param source the file or text the spec came from
   * @param field the JSON path of the bad field
   * @param value the bad value as written, or {@code null} when the field is missing
   * @param problem what is wrong and how to fix it
   */
  public TuningSpecException(String source, String field, String value, String problem) {
    this(source, List.of(new Problem(field, value, problem)));
  }

  /**
   * @param source the file or text the spec came from
   * @param problems every problem found, at least one
   */
  public TuningSpecException(String source, List<Problem> problems) {
    super(message(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  private static String message(String source, List<Problem> problems) {
    if (problems.size() == 1) {
      return source + ": " + problems.get(0);
    }
    return source
        + ": "
        + problems.size()
        + " problems:"
        + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
  }

  /** The file or text the spec came from. */
  public String source() {
    return source;
  }

  /** Every problem, in the order of the spec. */
  public List<Problem> problems() {
    return problems;
  }

  /** The JSON path of the first bad field. */
  public String field() {
    return problems.get(0).field();
  }

  /** The first bad value as written, or {@code null} when it is missing. */
  public String value() {
    return problems.get(0).value();
  }
}
