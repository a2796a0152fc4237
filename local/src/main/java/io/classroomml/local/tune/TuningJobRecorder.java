package io.classroomml.local.tune;

import io.classroomml.contract.JobStatus;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a local tuning job's record ({@code DescribeHyperParameterTuningJob}'s shape) as trials
 * finish: the summaries, the best trial by the objective's one ranking, the status counters, and at
 * the end the final status and the leaderboard. The scheduler ({@link LocalTuner}) only reports
 * finished trials to it.
 */
final class TuningJobRecorder {

  private final String name;
  private final TuningSpec spec;
  private final LocalTuner.Options options;
  private final Workspace workspace;
  private final Instant created = Instant.now();
  private final long start = System.nanoTime();
  private final List<TuningJobRecord.TrialSummary> summaries =
      Collections.synchronizedList(new ArrayList<>());

  /** Starts the record of tuning job {@code name} and saves it as in progress. */
  TuningJobRecorder(String name, TuningSpec spec, LocalTuner.Options options, Workspace workspace) {
    this.name = name;
    this.spec = spec;
    this.options = options;
    this.workspace = workspace;
    workspace.save(record(JobStatus.IN_PROGRESS, null));
  }

  /** Adds a finished trial and saves the record. */
  void finished(TuningJobRecord.TrialSummary summary) {
    summaries.add(summary);
    workspace.save(record(JobStatus.IN_PROGRESS, null));
  }

  /**
   * Saves the final record (Stopped when {@code stopped}, else Completed when some trial reported
   * the objective, else Failed), writes the leaderboard and returns the record.
   */
  TuningJobRecord end(boolean stopped) {
    boolean anyObjective = summaries.stream().anyMatch(s -> s.objective() != null);
    JobStatus status =
        stopped ? JobStatus.STOPPED : anyObjective ? JobStatus.COMPLETED : JobStatus.FAILED;
    TuningJobRecord record = record(status, Instant.now());
    workspace.save(record);
    Leaderboard.write(workspace.tuningJob(name), record, spec.objective(), workspace);
    return record;
  }

  private TuningJobRecord record(JobStatus status, Instant end) {
    List<TuningJobRecord.TrialSummary> trials;
    synchronized (summaries) {
      trials = List.copyOf(summaries);
    }
    String best =
        Leaderboard.best(trials, spec.objective().type())
            .map(TuningJobRecord.TrialSummary::name)
            .orElse(null);
    Map<String, Integer> counters = new LinkedHashMap<>();
    for (JobStatus s :
        List.of(JobStatus.COMPLETED, JobStatus.IN_PROGRESS, JobStatus.FAILED, JobStatus.STOPPED)) {
      counters.put(
          s.apiName(), (int) trials.stream().filter(t -> t.status().equals(s.apiName())).count());
    }
    return new TuningJobRecord(
        name,
        status.apiName(),
        spec.toHyperParameterTuningJobConfig(),
        spec.staticHyperParameters(),
        options.overrides(),
        trials,
        best,
        counters,
        created.toString(),
        end == null ? null : end.toString(),
        (System.nanoTime() - start) / 1e9);
  }
}
