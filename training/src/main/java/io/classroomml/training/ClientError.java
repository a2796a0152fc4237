package io.classroomml.training;

/**
 * A failure caused by what the user gave the job (hyperparameters, data, channels), as opposed to a
 * fault of the trainer. Its message says what is wrong and how to fix it; it becomes the first line
 * of {@code /opt/ml/output/failure}.
 */
public class ClientError extends RuntimeException {

  /** A client error with a message that names the file or field, the bad value and the fix. */
  public ClientError(String message) {
    super(message);
  }

  /** A client error caused by {@code cause} (e.g. a data-format problem). */
  public ClientError(String message, Throwable cause) {
    super(message, cause);
  }
}
