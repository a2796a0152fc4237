package io.classroomml.local.tune;

import io.classroomml.contract.JobStatus;
import io.classroomml.contract.tuning.ObjectiveType;
import io.classroomml.local.job.LocalTrainingJob;
import io.classroomml.local.job.TrainingJobRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs one trial to its end, as SageMaker watches a tuning job's training job: reads the objective
 * from each metric line, lets the early-stopping rule (or Hyperband) and the tuning job's time cap
 * stop it, and sums it up for the tuning job's record.
 */
final class TrialRunner {

  private final String metric;
  private final ObjectiveType direction;
  private final TrialStopper stopper;
  private final OptionalLong deadline;
  private final Consumer<String> say;
  private final Set<LocalTrainingJob> running = ConcurrentHashMap.newKeySet();

  /**
   * @param deadline {@link System#nanoTime()} at which the tuning job's MaxRuntimeInSeconds ends
   * @param say prints a line of progress
   */
  TrialRunner(
      String metric,
      ObjectiveType direction,
      TrialStopper stopper,
      OptionalLong deadline,
      Consumer<String> say) {
    this.metric = metric;
    this.direction = direction;
    this.stopper = stopper;
    this.deadline = deadline;
    this.say = say;
  }

  /** Whether the tuning job's time cap has passed. */
  boolean pastDeadline() {
    return deadline.isPresent() && System.nanoTime() > deadline.getAsLong();
  }

  /** Stops every trial still running (the tuning job was interrupted). */
  void stopAll() {
    running.forEach(j -> j.stop(JobStatus.STOPPED.apiName()));
  }

  /** Runs {@code job}, which tries {@code tuned}, and sums it up. */
  TuningJobRecord.TrialSummary run(LocalTrainingJob job, Map<String, String> tuned) {
    String[] stopReason = new String[1];
    running.add(job);
    TrainingJobRecord result;
    try {
      result = job.run((j, values) -> onMetrics(j, values, stopReason));
    } catch (RuntimeException e) {
      return new TuningJobRecord.TrialSummary(
          job.name(),
          JobStatus.FAILED.apiName(),
          tuned,
          null,
          "Failed",
          "local mode could not run the trial: " + e,
          0,
          List.of());
    } finally {
      running.remove(job);
    }
    Double objective =
        job.metrics().last(metric).isPresent() ? job.metrics().last(metric).getAsDouble() : null;
    String objectiveStatus =
        objective != null
            ? "Succeeded"
            : result.status().equals(JobStatus.FAILED.apiName()) ? "Failed" : "Pending";
    return new TuningJobRecord.TrialSummary(
        job.name(),
        result.status(),
        tuned,
        objective,
        objectiveStatus,
        result.failureReason() != null ? result.failureReason() : stopReason[0],
        result.trainingSeconds(),
        job.metrics().series().getOrDefault(metric, List.of()));
  }

  private void onMetrics(LocalTrainingJob j, Map<String, Double> values, String[] stopReason) {
    Double value = values.get(metric);
    if (value == null) {
      return;
    }
    int epoch =
        values.containsKey("epoch")
            ? (int) Math.round(values.get("epoch"))
            : j.metrics().series().get(metric).size();
    say.accept(
        String.format(
            java.util.Locale.ROOT,
            "    %s epoch %d: %s=%s",
            j.name(),
            epoch,
            metric,
            LocalTuner.fmt(value)));
    Optional<String> stop = stopper.report(j.name(), epoch, direction.score(value));
    if (pastDeadline()) {
      stop = Optional.of("the tuning job reached MaxRuntimeInSeconds");
    }
    if (stop.isPresent() && stopReason[0] == null) {
      stopReason[0] = stop.get();
      say.accept(String.format(java.util.Locale.ROOT, "    %s stopped: %s", j.name(), stop.get()));
      j.stop(JobStatus.STOPPED.apiName());
    }
  }
}
