package io.classroomml.local;

/**
 * Something the user can fix: a bad argument, an unknown job, a missing build. {@link LocalMain}
 * turns it into one line of text and exit code 2, in one place.
 */
public final class LocalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A message that names what is wrong and how to fix it. */
  public LocalException(String message) {
    super(message);
  }

  /** The same, keeping the cause for the log. */
  public LocalException(String message, Throwable cause) {
    super(message, cause);
  }
}
