package io.classroomml.serving;

/**
 * A setting in the serving environment has a bad value; the message names the variable, the value
 * and what would be valid.
 */
public final class ConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A bad value for {@code variable}. */
  public ConfigurationException(String variable, String value, String expected) {
    super(variable + "='" + value + "' is not valid: expected " + expected);
  }
}
