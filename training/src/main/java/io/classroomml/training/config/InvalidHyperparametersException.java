package io.classroomml.training.config;

import io.classroomml.training.ClientError;
import java.util.List;

/** One or more hyperparameters are unknown or invalid; the message lists them all. */
public final class InvalidHyperparametersException extends ClientError {

  private final List<String> problems;

  /** Lists {@code problems}, one per line. */
  public InvalidHyperparametersException(List<String> problems) {
    super(
        "Invalid hyperparameters in hyperparameters.json ("
            + problems.size()
            + "):\n- "
            + String.join("\n- ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming the hyperparameter, its value and the valid values. */
  public List<String> problems() {
    return problems;
  }
}
