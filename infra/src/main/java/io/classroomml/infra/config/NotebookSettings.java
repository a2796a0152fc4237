package io.classroomml.infra.config;

import java.util.List;

/**
 * Per-student SageMaker Studio notebooks (opt-in): whether the class gets a Studio domain and each
 * student a user profile, which instance types a JupyterLab space may run on (the first is the
 * default), and after how many idle minutes Studio shuts a JupyterLab app down.
 *
 * @param enabled whether {@code studentNotebooks=true}
 * @param instanceTypes the allowed notebook instance types; the first is the default
 * @param idleMinutes idle shutdown after this many minutes without kernel or terminal activity
 */
public record NotebookSettings(boolean enabled, List<String> instanceTypes, int idleMinutes) {

  /** Copies the list. */
  public NotebookSettings {
    instanceTypes = List.copyOf(instanceTypes);
  }

  /** The instance type a new JupyterLab space starts on. */
  public String defaultInstanceType() {
    return instanceTypes.get(0);
  }
}
