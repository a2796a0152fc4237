package io.classroomml.local.tune;

import io.classroomml.contract.tuning.Objective;
import io.classroomml.contract.tuning.ObjectiveType;
import io.classroomml.local.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tuning job's leaderboard: trials ranked by the final objective (best first; trials without
 * one last), as {@code leaderboard.md} for the terminal and {@code leaderboard.html} with the
 * objective curve of every trial and links to each trial's training report.
 */
public final class Leaderboard {

  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };

  private Leaderboard() {}

  /** Trials in rank order. */
  public static List<TuningJobRecord.TrialSummary> ranked(
      TuningJobRecord record, ObjectiveType type) {
    Comparator<Double> order =
        type == ObjectiveType.MAXIMIZE ? Comparator.reverseOrder() : Comparator.naturalOrder();
    return record.trials().stream()
        .sorted(
            Comparator.comparing(
                TuningJobRecord.TrialSummary::objective, Comparator.nullsLast(order)))
        .toList();
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

  /** Writes {@code leaderboard.md} and {@code leaderboard.html} into {@code dir}. */
  static void write(Path dir, TuningJobRecord record, Objective objective, Workspace workspace) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("leaderboard.md"), markdown(record, objective));
      Files.writeString(
          dir.resolve("leaderboard.html"),
          html(record, objective, workspace),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String html(TuningJobRecord record, Objective objective, Workspace workspace) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><meta charset=utf-8><title>Tuning job ")
        .append(esc(record.name()))
        .append(
            "</title><style>body{font:14px sans-serif;margin:2em}td,th{padding:4px 8px;"
                + "border-bottom:1px solid #ddd;text-align:left}</style>");
    h.append("<h1>Tuning job ").append(esc(record.name())).append("</h1>");
    h.append("<p>")
        .append(esc(String.valueOf(record.config().get("Strategy"))))
        .append(" search, ")
        .append(esc(objective.type().apiName()))
        .append(' ')
        .append(esc(objective.metricName()))
        .append(" (last emitted value, as SageMaker reads it); status ")
        .append(esc(record.status()))
        .append(String.format(Locale.ROOT, ", %.0f s.</p>", record.seconds()));
    if (record.overrides() != null && !record.overrides().isEmpty()) {
      h.append("<p>Local overrides of the spec: ")
          .append(esc(String.join("; ", record.overrides())))
          .append("</p>");
    }
    h.append(chart(record, objective));
    h.append("<table><tr><th>rank<th>trial<th>status<th>")
        .append(esc(objective.metricName()))
        .append("<th>tuned hyperparameters<th>seconds<th>report<th>note</tr>");
    int rank = 1;
    for (TuningJobRecord.TrialSummary t : ranked(record, objective.type())) {
      Path report = workspace.trainingJob(t.name()).resolve("opt-ml/output/data/report.html");
      h.append("<tr><td>")
          .append(rank++)
          .append("<td>")
          .append(esc(t.name()))
          .append("<td>")
          .append(esc(t.status()))
          .append("<td>")
          .append(t.objective() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.objective()))
          .append("<td>")
          .append(esc(t.tuned().toString()))
          .append(String.format(Locale.ROOT, "<td>%.0f<td>", t.seconds()))
          .append(
              Files.exists(report)
                  ? "<a href=\"" + esc(report.toUri().toString()) + "\">report</a>"
                  : "-")
          .append("<td>")
          .append(t.failureReason() == null ? "" : esc(t.failureReason()))
          .append("</tr>");
    }
    h.append("</table>");
    return h.toString();
  }

  /** An SVG line per trial: objective against epoch. */
  static String chart(TuningJobRecord record, Objective objective) {
    List<List<Double>> lines = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int epochs = 1;
    for (TuningJobRecord.TrialSummary t : record.trials()) {
      List<Double> values = t.objectiveHistory() == null ? List.of() : t.objectiveHistory();
      lines.add(values);
      for (double v : values) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      epochs = Math.max(epochs, values.size());
    }
    if (min > max) {
      return "<p>No trial reported the objective.</p>";
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    int w = 640;
    int hgt = 300;
    int pad = 40;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg width=%d height=%d role=img>", w, hgt));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=4 y=14>%s %.4f</text><text x=4 y=%d>%.4f</text><text x=%d y=%d>epoch</text>",
            esc(objective.metricName()),
            max,
            hgt - pad,
            min,
            w / 2,
            hgt - 8));
    for (int i = 0; i < lines.size(); i++) {
      List<Double> values = lines.get(i);
      StringBuilder points = new StringBuilder();
      for (int e = 0; e < values.size(); e++) {
        double x = pad + (epochs == 1 ? 0.5 : e / (double) (epochs - 1)) * (w - 2 * pad);
        double y = hgt - pad - (values.get(e) - min) / (max - min) * (hgt - 2 * pad);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=%.1f cy=%.1f r=3 fill='%s'/>",
                x,
                y,
                COLOURS[i % COLOURS.length]));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=none stroke='%s' points='%s'><title>%s</title></polyline>",
              COLOURS[i % COLOURS.length],
              points.toString().strip(),
              esc(record.trials().get(i).name())));
    }
    return svg.append("</svg>").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
