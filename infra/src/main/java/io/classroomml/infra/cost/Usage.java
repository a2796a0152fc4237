package io.classroomml.infra.cost;

/** What an instance is billed for; prices and regional availability differ per usage. */
public enum Usage {
  /** Training jobs and tuning trials. */
  TRAINING("training"),
  /** Real-time endpoints. */
  HOSTING("hosting"),
  /** Batch transform jobs. */
  TRANSFORM("transform"),
  /** SageMaker Studio notebooks (JupyterLab spaces), billed per hour while the app runs. */
  NOTEBOOK("notebook");

  private final String key;

  Usage(String key) {
    this.key = key;
  }

  /** The key in {@code prices.json}. */
  public String key() {
    return key;
  }
}
