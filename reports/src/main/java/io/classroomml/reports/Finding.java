package io.classroomml.reports;

/**
 * One observation about a training run, in the spirit of SageMaker Debugger/Profiler rules.
 *
 * @param severity whether it needs action
 * @param title short, stable name of the rule that fired (see the constants in {@link Findings})
 * @param detail a full sentence with the numbers and what to do
 */
public record Finding(Severity severity, String title, String detail) {

  /** A finding that needs action. */
  static Finding warning(String title, String detail) {
    return new Finding(Severity.WARNING, title, detail);
  }

  /** A finding worth knowing. */
  static Finding info(String title, String detail) {
    return new Finding(Severity.INFO, title, detail);
  }

  /** How much a finding matters. */
  public enum Severity {
    /** Worth knowing; nothing is wrong. */
    INFO,
    /** Something is wrong or wasteful and has a fix. */
    WARNING
  }
}
