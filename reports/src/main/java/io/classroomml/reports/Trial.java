package io.classroomml.reports;

import io.classroomml.contract.JobStatus;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One training job of a tuning run.
 *
 * @param name the training job name
 * @param status as SageMaker names it: {@code Completed}, {@code Failed}, {@code Stopped}, …
 * @param hyperparameters the values this trial tried
 * @param objective the final objective value (the last one emitted, as SageMaker reads it); NaN
 *     when none was emitted
 * @param epochs per-epoch statistics, for the objective curve; may be empty
 * @param note why it failed or stopped; empty when there is nothing to say
 * @param report a link to the trial's own training report; empty when there is none
 */
public record Trial(
    String name,
    String status,
    Map<String, String> hyperparameters,
    double objective,
    List<EpochStats> epochs,
    String note,
    String report) {

  /** A trial without a note or a report link. */
  public Trial(
      String name,
      String status,
      Map<String, String> hyperparameters,
      double objective,
      List<EpochStats> epochs) {
    this(name, status, hyperparameters, objective, epochs, "", "");
  }

  /** Status of a trial that ran to the end. */
  public static final String COMPLETED = JobStatus.COMPLETED.apiName();

  /** Status of a trial that failed. */
  public static final String FAILED = JobStatus.FAILED.apiName();

  /** Copies the collections; hyperparameters sorted by name. */
  public Trial {
    name = Objects.requireNonNullElse(name, "");
    status = Objects.requireNonNullElse(status, "");
    hyperparameters =
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNullElse(hyperparameters, Map.of())));
    epochs = List.copyOf(Objects.requireNonNullElse(epochs, List.of()));
    note = Objects.requireNonNullElse(note, "");
    report = Objects.requireNonNullElse(report, "");
  }

  /** Whether this trial takes a place in the ranking: it did not fail and has an objective. */
  public boolean ranked() {
    return Double.isFinite(objective) && !FAILED.equalsIgnoreCase(status);
  }
}
