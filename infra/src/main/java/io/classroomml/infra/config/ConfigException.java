package io.classroomml.infra.config;

import java.util.List;

/**
 * Classroom settings that cannot be synthesized: every problem found, each naming the context key,
 * the value given and a valid alternative, so {@code cdk synth} fails before anything is deployed
 * and one run shows everything to fix. The problems are typed ({@link #problems()}); they become
 * text in one place, {@link #getMessage()}.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * One bad setting.
   *
   * @param key the context key (as passed with {@code -c key=value})
   * @param value the value given, or {@code null} when the key is missing
   * @param problem what is wrong, ending with a valid alternative
   */
  public record Problem(String key, String value, String problem) {

    /** {@code context key 'k' = 'v': problem}, or {@code context key 'k' is missing: problem}. */
    @Override
    public String toString() {
      return "context key '"
          + key
          + "'"
          + (value == null ? " is missing" : " = '" + value + "'")
          + ": "
          + problem;
    }
  }

  private final transient List<Problem> problems;

  /** One problem: see {@link Problem}. */
  public ConfigException(String key, String value, String problem) {
    this(List.of(new Problem(key, value, problem)));
  }

  /**
   * Several problems, in the order found.
   *
   * @throws IllegalArgumentException when {@code problems} is empty
   */
  public ConfigException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder text =
        new StringBuilder(problems.size() + " problems in the configuration, fix them all:");
    problems.forEach(p -> text.append("\n  - ").append(p));
    return text.toString();
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  /** The first problem's context key. */
  public String key() {
    return problems.get(0).key();
  }

  /** The first problem's value, or {@code null} when its key is missing. */
  public String value() {
    return problems.get(0).value();
  }
}
