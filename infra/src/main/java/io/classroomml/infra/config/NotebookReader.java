package io.classroomml.infra.config;

import java.util.List;

/** Studio notebooks; the idle limits are SageMaker's (IdleTimeoutInMinutes 60 to 525600). */
final class NotebookReader {

  /** Defaults for keys that may be left out (documented in docs/configuration.md). */
  static final String DEFAULT_NOTEBOOK_INSTANCE = "ml.t3.medium";

  static final int DEFAULT_NOTEBOOK_IDLE_MINUTES = 60;

  /** SageMaker's bounds on IdleSettings.IdleTimeoutInMinutes (botocore: 60 to 525600). */
  static final int NOTEBOOK_MIN_IDLE_MINUTES = 60;

  static final int NOTEBOOK_MAX_IDLE_MINUTES = 525_600;

  private final ContextValues values;
  private final Problems problems;

  NotebookReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  NotebookSettings notebooks() {
    List<String> types = values.instanceTypes(ContextKeys.NOTEBOOK_INSTANCE_TYPES);
    if (types.isEmpty()) {
      types = List.of(DEFAULT_NOTEBOOK_INSTANCE);
    }
    long idle =
        values.positiveWhole(ContextKeys.NOTEBOOK_IDLE_MINUTES, DEFAULT_NOTEBOOK_IDLE_MINUTES);
    if (idle < NOTEBOOK_MIN_IDLE_MINUTES || idle > NOTEBOOK_MAX_IDLE_MINUTES) {
      problems.add(
          ContextKeys.NOTEBOOK_IDLE_MINUTES,
          Long.toString(idle),
          "Studio shuts idle JupyterLab apps down after "
              + NOTEBOOK_MIN_IDLE_MINUTES
              + " to "
              + NOTEBOOK_MAX_IDLE_MINUTES
              + " minutes; e.g. "
              + DEFAULT_NOTEBOOK_IDLE_MINUTES);
    }
    return new NotebookSettings(
        values.bool(ContextKeys.STUDENT_NOTEBOOKS, false), List.copyOf(types), (int) idle);
  }
}
