package io.classroomml.infra.config;

/**
 * A classroom setting that cannot be synthesized. The message names the context key, the value
 * given and a valid alternative, so {@code cdk synth} fails before anything is deployed.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;

  /**
   * @param key the context key (as passed with {@code -c key=value})
   * @param value the value given, or {@code null} when the key is missing
   * @param problem what is wrong, ending with a valid alternative
   */
  public ConfigException(String key, String value, String problem) {
    super(
        "context key '"
            + key
            + "'"
            + (value == null ? " is missing" : " = '" + value + "'")
            + ": "
            + problem);
    this.key = key;
    this.value = value;
  }

  /** The context key. */
  public String key() {
    return key;
  }

  /** The value given, or {@code null} when missing. */
  public String value() {
    return value;
  }
}
