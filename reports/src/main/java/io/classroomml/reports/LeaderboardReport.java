package io.classroomml.reports;

import io.classroomml.contract.Metric;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.tuning.ObjectiveType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report of a local tuning job: a leaderboard of trials (best first, failed and unranked ones
 * after, with their status) and the objective of every trial against epoch on one chart.
 */
public final class LeaderboardReport {

  /** The leaderboard page. */
  public static final String LEADERBOARD_HTML = "leaderboard.html";

  /** The same table as CSV, for spreadsheets. */
  public static final String LEADERBOARD_CSV = "leaderboard.csv";

  /** Objective per trial against epoch. */
  public static final String OBJECTIVE_PNG = "objective.png";

  static final int CHART_WIDTH = 1000;
  static final int CHART_HEIGHT = 480;

  private LeaderboardReport() {}

  /**
   * Writes leaderboard.html, leaderboard.csv and objective.png into {@code dir}.
   *
   * @param objectiveMetric a metric name from the contract, e.g. {@code validation:accuracy}
   * @param direction whether a larger or a smaller objective is better
   * @return the files written
   * @throws IllegalArgumentException when {@code objectiveMetric} is not a contract metric
   * @throws IOException when {@code dir} cannot be written
   */
  public static List<Path> write(
      String title, String objectiveMetric, ObjectiveType direction, List<Trial> trials, Path dir)
      throws IOException {
    Metric metric = metric(objectiveMetric);
    List<Trial> ordered = rank(trials, direction);
    ReportFiles files = new ReportFiles(dir);
    files.write(OBJECTIVE_PNG, chart(title, objectiveMetric, metric, ordered));
    files.write(LEADERBOARD_CSV, csv(objectiveMetric, ordered));
    files.write(LEADERBOARD_HTML, html(title, objectiveMetric, direction, ordered));
    return files.written();
  }

  private static Metric metric(String name) {
    return MetricDefinitions.named(Objects.requireNonNullElse(name, ""))
        .map(MetricDefinitions.MetricDefinition::metric)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "objective metric \""
                        + name
                        + "\" is not one the trainer emits; use one of "
                        + MetricDefinitions.all().stream()
                            .map(MetricDefinitions.MetricDefinition::name)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * The trials in rank order, the one ranking of trials: those {@link Trial#ranked() ranked} best
   * first by {@code direction} (ties keep their order), then the rest in their order.
   */
  public static List<Trial> rank(List<Trial> trials, ObjectiveType direction) {
    return direction.rank(trials, t -> t.ranked() ? t.objective() : Double.NaN);
  }

  private static byte[] chart(
      String title, String objectiveMetric, Metric metric, List<Trial> ordered) {
    List<Series> series = new ArrayList<>();
    for (Trial t : ordered) {
      double[] x = t.epochs().stream().mapToDouble(EpochStats::epoch).toArray();
      double[] y = t.epochs().stream().mapToDouble(e -> e.value(metric)).toArray();
      series.add(
          new Series(t.name() + (t.ranked() ? "" : " (" + t.status() + ")"), x, y, !t.ranked()));
    }
    String chartTitle =
        (title == null || title.isEmpty() ? "Tuning" : title) + ": " + objectiveMetric;
    return new LineChart(chartTitle, "epoch", objectiveMetric, series, true)
        .toPng(CHART_WIDTH, CHART_HEIGHT);
  }

  private static List<String> hyperparameterNames(List<Trial> trials) {
    TreeSet<String> names = new TreeSet<>();
    trials.forEach(t -> names.addAll(t.hyperparameters().keySet()));
    return List.copyOf(names);
  }

  private static List<List<String>> rows(List<Trial> ordered, boolean machine) {
    List<String> names = hyperparameterNames(ordered);
    List<List<String>> rows = new ArrayList<>();
    int rank = 0;
    for (Trial t : ordered) {
      List<String> row = new ArrayList<>();
      row.add(t.ranked() ? Integer.toString(++rank) : "");
      row.add(t.name());
      row.add(t.status());
      row.add(machine ? Format.exact(t.objective()) : Format.number(t.objective()));
      row.add(Integer.toString(t.epochs().size()));
      for (String name : names) {
        row.add(t.hyperparameters().getOrDefault(name, ""));
      }
      if (hasNotes(ordered)) {
        row.add(t.note());
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> header(String objectiveMetric, List<Trial> ordered) {
    List<String> header =
        new ArrayList<>(List.of("rank", "trial", "status", objectiveMetric, "epochs"));
    header.addAll(hyperparameterNames(ordered));
    if (hasNotes(ordered)) {
      header.add("note");
    }
    return header;
  }

  private static boolean hasNotes(List<Trial> trials) {
    return trials.stream().anyMatch(t -> !t.note().isEmpty());
  }

  private static String csv(String objectiveMetric, List<Trial> ordered) {
    Csv csv = new Csv().row(header(objectiveMetric, ordered));
    rows(ordered, true).forEach(csv::row);
    return csv.toString();
  }

  private static String html(
      String title, String objectiveMetric, ObjectiveType direction, List<Trial> ordered) {
    String pageTitle = title == null || title.isEmpty() ? "Tuning leaderboard" : title;
    Html html = new Html().page(pageTitle).tag("h1", pageTitle);
    long ranked = ordered.stream().filter(Trial::ranked).count();
    String summary =
        ordered.size()
            + " trials, "
            + ranked
            + " ranked by "
            + objectiveMetric
            + " ("
            + (direction == ObjectiveType.MAXIMIZE ? "higher" : "lower")
            + " is better).";
    if (ranked > 0) {
      Trial best = ordered.get(0);
      summary += " Best: " + best.name() + " with " + Format.number(best.objective()) + ".";
    }
    html.paragraph("summary", summary);
    html.table(header(objectiveMetric, ordered), rows(ordered, false), false);
    html.raw(
        "<p class=\"note\">Also as <a href=\""
            + LEADERBOARD_CSV
            + "\">"
            + LEADERBOARD_CSV
            + "</a>.</p>\n");
    List<Trial> withReports = ordered.stream().filter(t -> !t.report().isEmpty()).toList();
    if (!withReports.isEmpty()) {
      StringBuilder links = new StringBuilder("<p class=\"note\">Training reports:");
      for (Trial t : withReports) {
        links
            .append(" <a href=\"")
            .append(Html.escape(t.report()))
            .append("\">")
            .append(Html.escape(t.name()))
            .append("</a>");
      }
      html.raw(links.append("</p>\n").toString());
    }
    html.tag("h2", "Objective per epoch");
    html.image(OBJECTIVE_PNG, objectiveMetric + " per epoch, one line per trial");
    return html.end();
  }
}
