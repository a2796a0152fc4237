package io.classroomml.infra.admin;

/**
 * A {@code scripts/classroom} command that cannot go on. The message names what is wrong and the
 * fix; {@link ClassroomCli} prints it as is and exits with {@link #exitCode()}.
 */
public final class AdminException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * @param message what is wrong and how to fix it
   * @param exitCode 1 for a failed check or step, 2 for bad input
   */
  public AdminException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The process exit status. */
  public int exitCode() {
    return exitCode;
  }
}
