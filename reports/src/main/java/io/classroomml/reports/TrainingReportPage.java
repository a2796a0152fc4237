package io.classroomml.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The HTML of a training report: findings first, then curves, tables, matrix and profile. */
final class TrainingReportPage {

  /** One slice of the run's wall time, with its colour in the stacked bar. */
  private record TimePart(String name, String colour, double seconds) {}

  private TrainingReportPage() {}

  static String html(
      TrainingReportData data, List<Finding> findings, Map<String, String> chartErrors) {
    String title = data.title().isEmpty() ? "Training report" : data.title();
    Html html = new Html().page(title).tag("h1", title);

    html.tag("h2", "Findings");
    if (findings.isEmpty()) {
      html.paragraph("note", "No rule fired: nothing to flag.");
    } else {
      html.raw("<ul class=\"findings\">\n");
      for (Finding f : findings) {
        html.raw("<li class=\"" + f.severity().name().toLowerCase(Locale.ROOT) + "\">")
            .raw("<span class=\"severity\">" + f.severity().name() + "</span>")
            .raw("<strong>" + Html.escape(f.title()) + "</strong>: ")
            .raw(Html.escape(f.detail()))
            .raw("</li>\n");
      }
      html.raw("</ul>\n");
    }

    html.tag("h2", "Final metrics");
    if (data.finalMetrics().isEmpty()) {
      html.paragraph("note", "No final metrics were recorded.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      data.finalMetrics().forEach((k, v) -> rows.add(List.of(k, Format.number(v))));
      html.table(List.of("metric", "value"), rows, true);
    }

    html.tag("h2", "Training curves");
    chart(
        html,
        TrainingReport.CURVES_PNG,
        data.steps().isEmpty()
            ? "Loss and accuracy per epoch"
            : "Loss and accuracy: training per step, validation per epoch",
        chartErrors);
    epochTable(html, data.epochs());

    html.tag("h2", "Per-class accuracy");
    Optional<ConfusionMatrix> matrix = data.confusionMatrix();
    if (matrix.isEmpty()) {
      html.paragraph("note", "There was no evaluation set, so there is no confusion matrix.");
    } else {
      chart(
          html, TrainingReport.CONFUSION_PNG, "Confusion matrix, actual by predicted", chartErrors);
      classTable(html, matrix.get());
      html.raw(
          "<p class=\"note\">Also as <a href=\""
              + TrainingReport.PER_CLASS_CSV
              + "\">"
              + TrainingReport.PER_CLASS_CSV
              + "</a>.</p>\n");
    }

    html.tag("h2", "Profile: where the time went");
    if (data.profile() == null) {
      html.paragraph("note", "No profile was recorded.");
    } else {
      profile(html, data.profile());
    }

    html.tag("h2", "Hyperparameters");
    if (data.hyperparameters().isEmpty()) {
      html.paragraph("note", "None given: every hyperparameter had its default.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      data.hyperparameters().forEach((k, v) -> rows.add(List.of(k, v == null ? "" : v)));
      html.table(List.of("name", "value"), rows, false);
    }
    return html.end();
  }

  private static void chart(Html html, String file, String alt, Map<String, String> chartErrors) {
    String error = chartErrors.get(file);
    if (error == null) {
      html.image(file, alt);
    } else {
      html.paragraph("note", file + " could not be drawn: " + error);
    }
  }

  private static void epochTable(Html html, List<EpochStats> epochs) {
    if (epochs.isEmpty()) {
      html.paragraph("note", "No epoch completed.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (EpochStats e : epochs) {
      rows.add(
          List.of(
              Integer.toString(e.epoch()),
              Format.number(e.trainLoss()),
              Format.percent(e.trainAccuracy()),
              Format.number(e.validationLoss()),
              Format.percent(e.validationAccuracy()),
              Format.seconds(e.epochSeconds()),
              Format.number(e.imagesPerSecond()),
              Format.percent(e.dataWaitFraction()),
              Format.number(e.learningRate())));
    }
    html.table(
        List.of(
            "epoch",
            "train loss",
            "train accuracy",
            "validation loss",
            "validation accuracy",
            "time",
            "images/s",
            "data wait",
            "learning rate"),
        rows,
        true);
  }

  private static void classTable(Html html, ConfusionMatrix matrix) {
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < matrix.size(); c++) {
      rows.add(
          List.of(
              matrix.name(c),
              Long.toString(matrix.support(c)),
              Integer.toString(matrix.correct(c)),
              Format.percent(matrix.accuracy(c)),
              Format.percent(matrix.precision(c))));
    }
    rows.add(
        List.of(
            "all classes",
            Long.toString(matrix.total()),
            "",
            Format.percent(matrix.overallAccuracy()),
            ""));
    html.table(List.of("class", "examples", "correct", "accuracy", "precision"), rows, true);
  }

  private static void profile(Html html, Profile p) {
    double total = p.totalSeconds();
    List<TimePart> parts =
        List.of(
            new TimePart("data wait", "#D55E00", p.dataWaitSeconds()),
            new TimePart("compute", "#0072B2", p.computeSeconds()),
            new TimePart("evaluation", "#009E73", p.evaluationSeconds()),
            new TimePart("checkpoints", "#CC79A7", p.checkpointSeconds()),
            new TimePart("other", "#BBBBBB", p.otherSeconds()));
    if (total > 0) {
      // A stacked bar in plain CSS: the page stays self-contained.
      html.raw("<div class=\"bar\">");
      for (TimePart part : parts) {
        double seconds = part.seconds();
        if (seconds > 0) {
          html.raw(
              String.format(
                  Locale.ROOT,
                  "<span style=\"width:%.2f%%;background:%s\" title=\"%s\"></span>",
                  Math.min(100, 100 * seconds / total),
                  part.colour(),
                  Html.escape(part.name() + " " + Format.seconds(seconds))));
        }
      }
      html.raw("</div>\n");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("device", p.device() == null ? "" : p.device()));
    rows.add(List.of("threads", Integer.toString(p.threads())));
    rows.add(List.of("total", Format.seconds(total)));
    for (TimePart part : parts) {
      double seconds = part.seconds();
      rows.add(
          List.of(
              part.name(),
              Format.seconds(seconds)
                  + (total > 0 && Double.isFinite(seconds)
                      ? " (" + Format.percent(seconds / total) + ")"
                      : "")));
    }
    rows.add(List.of("images/s", Format.number(p.imagesPerSecond())));
    rows.add(List.of("CPU utilisation (all cores)", Format.percent(p.cpuUtilization())));
    rows.add(
        List.of("GPU utilisation", p.hasGpu() ? Format.percent(p.gpuUtilization()) : "no GPU"));
    rows.add(List.of("peak heap", Format.bytes(p.peakHeapBytes())));
    rows.add(List.of("resident memory", Format.bytes(p.residentBytes())));
    html.table(List.of("measure", "value"), rows, true);
  }
}
