package io.classroomml.local.tune;

import io.classroomml.contract.Metric;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.tuning.Objective;
import io.classroomml.contract.tuning.ObjectiveType;
import io.classroomml.local.Workspace;
import io.classroomml.reports.EpochStats;
import io.classroomml.reports.LeaderboardReport;
import io.classroomml.reports.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tuning job's leaderboard: trials ranked by the final objective (best first; trials without
 * one last), as {@code leaderboard.md} for the terminal, and the reports module's HTML page with
 * the objective curve of every trial and links to each trial's training report.
 */
public final class Leaderboard {

  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };

  private Leaderboard() {}

  /**
   * Trials in rank order, by the reports' one ranking ({@link LeaderboardReport#rank}): trials with
   * an objective that did not fail, best first, then the others in the order they ran.
   */
  public static List<TuningJobRecord.TrialSummary> ranked(
      TuningJobRecord record, ObjectiveType type) {
    return ranked(record.trials(), type);
  }

  /** The best trial: the first ranked one, if any trial has an objective and did not fail. */
  static Optional<TuningJobRecord.TrialSummary> best(
      List<TuningJobRecord.TrialSummary> trials, ObjectiveType type) {
    List<TuningJobRecord.TrialSummary> ranked = ranked(trials, type);
    return ranked.isEmpty() || !asTrial(ranked.get(0)).ranked()
        ? Optional.empty()
        : Optional.of(ranked.get(0));
  }

  /** {@code trials} in rank order. */
  static List<TuningJobRecord.TrialSummary> ranked(
      List<TuningJobRecord.TrialSummary> trials, ObjectiveType type) {
    Map<String, TuningJobRecord.TrialSummary> byName = new HashMap<>();
    trials.forEach(t -> byName.put(t.name(), t));
    return LeaderboardReport.rank(trials.stream().map(Leaderboard::asTrial).toList(), type).stream()
        .map(t -> byName.get(t.name()))
        .toList();
  }

  /** The summary as the reports module ranks it (no curve, note or link). */
  private static Trial asTrial(TuningJobRecord.TrialSummary t) {
    return new Trial(
        t.name(),
        t.status(),
        t.tuned(),
        t.objective() == null ? Double.NaN : t.objective(),
        List.of());
  }

  /** The Markdown table. */
  public static String markdown(TuningJobRecord record, Objective objective) {
    StringBuilder md = new StringBuilder();
    md.append("| rank | trial | status | ")
        .append(objective.metricName())
        .append(" | tuned | seconds |\n");
    md.append("|---:|---|---|---:|---|---:|\n");
    int rank = 1;
    for (TuningJobRecord.TrialSummary t : ranked(record, objective.type())) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %s | %.0f |%n",
              rank++,
              t.name(),
              t.status(),
              t.objective() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.objective()),
              t.tuned().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" ")),
              t.seconds()));
    }
    return md.toString();
  }

  /**
   * Writes {@code leaderboard.md} and, through the reports module, {@code leaderboard.html}, {@code
   * leaderboard.csv} and {@code objective.png} into {@code dir}.
   */
  static void write(Path dir, TuningJobRecord record, Objective objective, Workspace workspace) {
    try {
      Files.createDirectories(dir);
      String overrides =
          record.overrides() == null || record.overrides().isEmpty()
              ? ""
              : "Local overrides of the spec: " + String.join("; ", record.overrides()) + "\n\n";
      Files.writeString(dir.resolve("leaderboard.md"), overrides + markdown(record, objective));
      LeaderboardReport.write(
          title(record),
          objective.metricName(),
          objective.type(),
          trials(record, objective, workspace),
          dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Short enough for the chart's title; the overrides are in {@code leaderboard.md}. */
  private static String title(TuningJobRecord record) {
    return "Tuning job " + record.name() + ": " + record.config().get("Strategy") + " search";
  }

  /** The trials as the reports module draws them: objective per epoch, reason, report link. */
  static List<Trial> trials(TuningJobRecord record, Objective objective, Workspace workspace) {
    Metric metric =
        MetricDefinitions.named(objective.metricName())
            .map(MetricDefinitions.MetricDefinition::metric)
            .orElseThrow(() -> new IllegalArgumentException(objective.metricName()));
    List<Trial> trials = new ArrayList<>();
    for (TuningJobRecord.TrialSummary t : record.trials()) {
      List<EpochStats> epochs = new ArrayList<>();
      List<Double> history = t.objectiveHistory() == null ? List.of() : t.objectiveHistory();
      for (int e = 0; e < history.size(); e++) {
        epochs.add(EpochStats.of(e + 1, metric, history.get(e)));
      }
      Path report = workspace.trainingJob(t.name()).resolve("opt-ml/output/data/report.html");
      trials.add(
          new Trial(
              t.name(),
              t.status(),
              t.tuned(),
              t.objective() == null ? Double.NaN : t.objective(),
              epochs,
              t.failureReason() == null ? "" : t.failureReason(),
              Files.exists(report) ? report.toUri().toString() : ""));
    }
    return trials;
  }
}
