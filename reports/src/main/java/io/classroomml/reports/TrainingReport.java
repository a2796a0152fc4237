package io.classroomml.reports;

import java.awt.AWTError;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The report of one training job, written to {@code /opt/ml/output/data} (SageMaker uploads it as
 * {@code output.tar.gz}): curves, confusion matrix, per-class accuracy, profile, findings and an
 * HTML page tying them together. Same data, same bytes.
 */
public final class TrainingReport {

  /** Loss and accuracy against epoch. */
  public static final String CURVES_PNG = "curves.png";

  /** Confusion matrix heatmap (only with an evaluation set). */
  public static final String CONFUSION_PNG = "confusion_matrix.png";

  /** Support, correct, accuracy and precision per class (only with an evaluation set). */
  public static final String PER_CLASS_CSV = "per_class_accuracy.csv";

  /** Where the time went, machine-readable. */
  public static final String PROFILE_JSON = "profile.json";

  /** The findings, machine-readable. */
  public static final String FINDINGS_JSON = "findings.json";

  /** The page that ties everything together. */
  public static final String REPORT_HTML = "report.html";

  static final int CURVES_WIDTH = 1200;
  static final int CURVES_HEIGHT = 440;

  private TrainingReport() {}

  /**
   * Writes curves.png (loss and accuracy vs epoch: train per step when recorded, validation per
   * epoch), confusion_matrix.png and per_class_accuracy.csv (when there is a confusion matrix),
   * profile.json, findings.json and report.html (images referenced relatively) into {@code dir},
   * creating it if needed.
   *
   * @return the files written, in order
   * @throws IOException when {@code dir} cannot be created or written
   */
  public static List<Path> write(TrainingReportData data, Path dir) throws IOException {
    ReportFiles files = new ReportFiles(dir);
    List<Finding> findings = Findings.of(data);
    Map<String, String> chartErrors = new LinkedHashMap<>();

    drawChart(files, CURVES_PNG, () -> curves(data.epochs(), data.steps()), chartErrors);
    Optional<ConfusionMatrix> matrix = data.confusionMatrix();
    if (matrix.isPresent()) {
      drawChart(
          files,
          CONFUSION_PNG,
          () -> new Heatmap("Confusion matrix", data.classNames(), data.confusion()).toPng(),
          chartErrors);
      files.write(PER_CLASS_CSV, perClassCsv(matrix.get()));
    }
    files.write(PROFILE_JSON, Json.write(profileJson(data.profile())));
    files.write(FINDINGS_JSON, Json.write(findingsJson(findings)));
    files.write(REPORT_HTML, TrainingReportPage.html(data, findings, chartErrors));
    return files.written();
  }

  /**
   * Two panels side by side: loss, and accuracy in percent, against epochs. Training is drawn per
   * step where the run recorded steps (x in fractional epochs), else per epoch; validation, dashed,
   * per epoch.
   */
  static byte[] curves(List<EpochStats> epochs, List<StepStats> steps) {
    Png.Canvas canvas = Png.canvas(CURVES_WIDTH, CURVES_HEIGHT);
    int half = CURVES_WIDTH / 2;
    lineChart(
            "Loss",
            "loss",
            epochs,
            steps,
            EpochStats::trainLoss,
            StepStats::trainLoss,
            EpochStats::validationLoss,
            1)
        .draw(canvas.graphics(), new Rectangle(0, 0, half, CURVES_HEIGHT));
    lineChart(
            "Accuracy",
            "accuracy (%)",
            epochs,
            steps,
            EpochStats::trainAccuracy,
            StepStats::trainAccuracy,
            EpochStats::validationAccuracy,
            100)
        .draw(canvas.graphics(), new Rectangle(half, 0, CURVES_WIDTH - half, CURVES_HEIGHT));
    return canvas.toPng();
  }

  /** Per-epoch curves only (a run that recorded no steps). */
  static byte[] curves(List<EpochStats> epochs) {
    return curves(epochs, List.of());
  }

  private static LineChart lineChart(
      String title,
      String yLabel,
      List<EpochStats> epochs,
      List<StepStats> steps,
      ToDoubleFunction<EpochStats> train,
      ToDoubleFunction<StepStats> trainStep,
      ToDoubleFunction<EpochStats> validation,
      double scale) {
    double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
    List<Series> series = new ArrayList<>();
    if (steps.isEmpty()) {
      series.add(new Series("train", x, values(epochs, train, scale), false));
    } else {
      series.add(
          new Series(
              "train (per step)",
              steps.stream().mapToDouble(StepStats::epoch).toArray(),
              steps.stream().mapToDouble(s -> trainStep.applyAsDouble(s) * scale).toArray(),
              false));
    }
    double[] validationValues = values(epochs, validation, scale);
    // Leave validation out of the legend entirely when there was no validation set.
    if (Arrays.stream(validationValues).anyMatch(Double::isFinite)) {
      series.add(new Series("validation", x, validationValues, true));
    }
    return new LineChart(title, "epoch", yLabel, series, true);
  }

  private static double[] values(
      List<EpochStats> epochs, ToDoubleFunction<EpochStats> metric, double scale) {
    return epochs.stream().mapToDouble(e -> metric.applyAsDouble(e) * scale).toArray();
  }

  static String perClassCsv(ConfusionMatrix matrix) {
    Csv csv = new Csv();
    csv.row(List.of("class_index", "class_name", "support", "correct", "accuracy", "precision"));
    for (int c = 0; c < matrix.size(); c++) {
      csv.row(
          List.of(
              Integer.toString(c),
              matrix.name(c),
              Long.toString(matrix.support(c)),
              Integer.toString(matrix.correct(c)),
              Format.exact(matrix.accuracy(c)),
              Format.exact(matrix.precision(c))));
    }
    return csv.toString();
  }

  private static Map<String, Object> profileJson(Profile p) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (p == null) {
      return json;
    }
    json.put("device", p.device());
    json.put("threads", p.threads());
    json.put("totalSeconds", p.totalSeconds());
    json.put("dataWaitSeconds", p.dataWaitSeconds());
    json.put("computeSeconds", p.computeSeconds());
    json.put("evaluationSeconds", p.evaluationSeconds());
    json.put("checkpointSeconds", p.checkpointSeconds());
    json.put("otherSeconds", p.otherSeconds());
    double step = p.dataWaitSeconds() + p.computeSeconds();
    json.put("dataWaitFraction", step > 0 ? p.dataWaitSeconds() / step : Double.NaN);
    json.put("imagesPerSecond", p.imagesPerSecond());
    json.put("cpuUtilization", p.cpuUtilization());
    json.put("gpuUtilization", p.gpuUtilization());
    json.put("peakHeapBytes", p.peakHeapBytes());
    json.put("residentBytes", p.residentBytes());
    return json;
  }

  private static List<Object> findingsJson(List<Finding> findings) {
    List<Object> json = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("severity", f.severity().name());
      item.put("title", f.title());
      item.put("detail", f.detail());
      json.add(item);
    }
    return json;
  }

  /** Renders a chart and writes it; a JDK without usable fonts costs the image, not the report. */
  private static void drawChart(
      ReportFiles files, String name, Supplier<byte[]> chart, Map<String, String> errors)
      throws IOException {
    byte[] png;
    try {
      png = chart.get();
    } catch (AWTError | InternalError | LinkageError e) {
      // Slim JREs without fontconfig or FreeType fail here; the tables still carry the numbers.
      errors.put(
          name,
          e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + " (install fontconfig and a font such as fonts-dejavu-core in the image)");
      return;
    }
    files.write(name, png);
  }
}
