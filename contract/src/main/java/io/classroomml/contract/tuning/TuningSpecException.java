package io.classroomml.contract.tuning;

/**
 * A tuning spec that SageMaker (or the local tuner) would reject. Carries the source, the field
 * path (e.g. {@code ParameterRanges.ContinuousParameterRanges[0].MinValue}), the bad value and the
 * fix, so the message can say all four.
 */
public final class TuningSpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String field;
  private final String value;

  /**
   * @param source the file or text the spec came from
   * @param field the JSON path of the bad field
   * @param value the bad value as written, or {@code null} when the field is missing
   * @param problem what is wrong and how to fix it
   */
  public TuningSpecException(String source, String field, String value, String problem) {
    super(source + ": " + field + (value == null ? " is missing" : " = " + value) + ": " + problem);
    this.source = source;
    this.field = field;
    this.value = value;
  }

  /** The file or text the spec came from. */
  public String source() {
    return source;
  }

  /** The JSON path of the bad field. */
  public String field() {
    return field;
  }

  /** The bad value as written, or {@code null} when it is missing. */
  public String value() {
    return value;
  }
}
