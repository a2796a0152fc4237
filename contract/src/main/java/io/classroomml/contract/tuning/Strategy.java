package io.classroomml.contract.tuning;

/**
 * How the tuner picks the next hyperparameters ({@code HyperParameterTuningJobConfig.Strategy}).
 */
public enum Strategy {
  /** Gaussian-process search over all range types. */
  BAYESIAN("Bayesian"),
  /** Independent random draws. */
  RANDOM("Random"),
  /** Random draws with successive halving by epoch; early stopping must be {@code Off}. */
  HYPERBAND("Hyperband"),
  /** Every combination of categorical values; no integer or continuous ranges allowed. */
  GRID("Grid");

  private final String apiName;

  Strategy(String apiName) {
    this.apiName = apiName;
  }

  /** The value SageMaker's API uses, e.g. {@code Hyperband}. */
  public String apiName() {
    return apiName;
  }
}
