package io.classroomml.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

  @TempDir Path dir;

  @Test
  void write_producesEveryFileWithDecodablePngs() throws IOException {
    TrainingReportData data =
        SampleRuns.data(
            SampleRuns.healthyEpochs(), SampleRuns.CONFUSION, SampleRuns.healthyCpuProfile());

    List<Path> written = TrainingReport.write(data, dir);

    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "curves.png",
            "confusion_matrix.png",
            "per_class_accuracy.csv",
            "profile.json",
            "findings.json",
            "report.html");
    assertThat(written).allSatisfy(p -> assertThat(p).exists().isRegularFile());
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    BufferedImage curves = Images.decode(dir.resolve("curves.png"));
    assertThat(curves.getWidth()).isEqualTo(TrainingReport.CURVES_WIDTH);
    assertThat(curves.getHeight()).isEqualTo(TrainingReport.CURVES_HEIGHT);
    assertThat(Images.distinctColours(curves)).isGreaterThan(10);
    BufferedImage matrix = Images.decode(dir.resolve("confusion_matrix.png"));
    assertThat(matrix.getWidth()).isGreaterThan(3 * 50);
    assertThat(Images.distinctColours(matrix)).isGreaterThan(10);
  }

  @Test
  void write_htmlEscapesUserTextAndShowsNumbers() throws IOException {
    TrainingReport.write(
        SampleRuns.data(
            SampleRuns.healthyEpochs(), SampleRuns.CONFUSION, SampleRuns.healthyCpuProfile()),
        dir);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("&lt;b&gt;bird&lt;/b&gt; &amp; &quot;friends&quot;")
        .doesNotContain("<b>bird</b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("<title>job &lt;one&gt;</title>")
        // dog: 5 of 10 right; overall 22 of 30.
        .contains("<td>50.0%</td>")
        .contains("73.3%")
        .contains("<img src=\"curves.png\"")
        .contains("<img src=\"confusion_matrix.png\"")
        .contains(Findings.MOST_CONFUSED);
  }

  @Test
  void write_perClassCsvHoldsAccuracyAndPrecisionFromTheMatrix() throws IOException {
    TrainingReport.write(
        SampleRuns.data(SampleRuns.healthyEpochs(), SampleRuns.CONFUSION, null), dir);

    List<String> lines = Files.readAllLines(dir.resolve("per_class_accuracy.csv"));
    assertThat(lines)
        .containsExactly(
            "class_index,class_name,support,correct,accuracy,precision",
            // cat: 8 of 10 right; predicted 12 times (8 + 4 + 0).
            "0,cat,10,8,0.800000,0.666667",
            // dog: 5 of 10 right; predicted 7 times.
            "1,dog,10,5,0.500000,0.714286",
            // bird: quoted because the name holds quotes; 9 of 10, predicted 11 times.
            "2,\"<b>bird</b> & \"\"friends\"\"\",10,9,0.900000,0.818182");
  }

  @Test
  void write_profileJsonHasTheNumbersAndNullForUnknown() throws IOException {
    TrainingReport.write(SampleRuns.healthy(), dir);

    String json = Files.readString(dir.resolve("profile.json"));
    assertThat(json)
        .contains("\"device\": \"cpu\"")
        .contains("\"threads\": 2")
        .contains("\"computeSeconds\": 50")
        .contains("\"otherSeconds\": 3")
        .contains("\"cpuUtilization\": 0.93")
        .contains("\"gpuUtilization\": null")
        .contains("\"residentBytes\": 1073741824");
  }

  @Test
  void write_sameDataGivesIdenticalBytes() throws IOException {
    TrainingReportData data =
        SampleRuns.data(
            SampleRuns.healthyEpochs(), SampleRuns.CONFUSION, SampleRuns.healthyCpuProfile());
    Path first = dir.resolve("a");
    Path second = dir.resolve("b");

    List<Path> a = TrainingReport.write(data, first);
    List<Path> b = TrainingReport.write(data, second);

    assertThat(a).hasSameSizeAs(b);
    for (Path file : a) {
      assertThat(Files.readAllBytes(file))
          .as(file.getFileName().toString())
          .isEqualTo(Files.readAllBytes(second.resolve(file.getFileName())));
    }
  }

  @Test
  void write_stepCurvesShowMovementWithinEpochs() throws IOException {
    List<EpochStats> epochs = SampleRuns.healthyEpochs();
    List<StepStats> steps = new ArrayList<>();
    int perEpoch = 50;
    for (int s = 1; s <= epochs.size() * perEpoch; s++) {
      double progress = s / (double) (epochs.size() * perEpoch);
      // A falling loss with step-to-step noise, as a real run has.
      steps.add(
          new StepStats(
              s,
              s / (double) perEpoch,
              2.0 - 1.5 * progress + 0.1 * Math.sin(s),
              0.3 + 0.6 * progress + 0.02 * Math.cos(s)));
    }
    TrainingReportData base =
        SampleRuns.data(epochs, SampleRuns.CONFUSION, SampleRuns.healthyCpuProfile());
    TrainingReportData data =
        new TrainingReportData(
            base.title(),
            base.epochs(),
            base.classNames(),
            base.confusion(),
            base.profile(),
            base.hyperparameters(),
            base.finalMetrics(),
            steps);

    TrainingReport.write(data, dir);

    BufferedImage withSteps = Images.decode(dir.resolve("curves.png"));
    Files.write(dir.resolve("epochs.png"), TrainingReport.curves(epochs));
    BufferedImage epochsOnly = Images.decode(dir.resolve("epochs.png"));
    assertThat(Images.differingPixels(withSteps, epochsOnly)).isGreaterThan(500);
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("training per step, validation per epoch");
  }

  @Test
  void write_oneEpochWithoutValidationOrEvaluation() throws IOException {
    EpochStats only =
        new EpochStats(
            1, 1.2, 0.6, Double.NaN, Double.NaN, 3, Double.NaN, Double.NaN, Double.NaN, 0.1);
    TrainingReportData data =
        new TrainingReportData("one", List.of(only), List.of(), null, null, Map.of(), Map.of());

    List<Path> written = TrainingReport.write(data, dir);

    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("curves.png", "profile.json", "findings.json", "report.html");
    assertThat(Images.distinctColours(Images.decode(dir.resolve("curves.png")))).isGreaterThan(10);
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("no evaluation set")
        .contains("No profile was recorded");
  }

  @Test
  void write_nanValuesAndNoEpochsDoNotThrow() throws IOException {
    List<EpochStats> epochs = new ArrayList<>();
    epochs.add(SampleRuns.epoch(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    epochs.add(SampleRuns.epoch(2, 1.0, 0.5, Double.NaN, 0.4));
    epochs.add(SampleRuns.epoch(3, Double.NaN, 0.6, 0.9, Double.NaN));
    epochs.add(SampleRuns.epoch(4, 0.8, 0.7, 0.8, 0.65));

    assertThat(TrainingReport.write(SampleRuns.data(epochs, SampleRuns.CONFUSION, null), dir))
        .hasSize(6);
    assertThat(
            TrainingReport.write(
                SampleRuns.data(List.of(), new int[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}, null),
                dir.resolve("empty")))
        .hasSize(6);
    assertThat(Files.readString(dir.resolve("empty/per_class_accuracy.csv")))
        .contains("0,cat,0,0,,");
  }

  @Test
  void write_manyClassesWithLongNames() throws IOException {
    int n = 120;
    List<String> names = new ArrayList<>();
    int[][] confusion = new int[n][n];
    for (int c = 0; c < n; c++) {
      names.add("a rather long class name number " + c + " of the data set");
      confusion[c][c] = 20 + c % 7;
      confusion[c][(c + 1) % n] = c % 5;
    }
    TrainingReportData data =
        new TrainingReportData(
            "many", SampleRuns.healthyEpochs(), names, confusion, null, Map.of(), Map.of());

    TrainingReport.write(data, dir);

    BufferedImage matrix = Images.decode(dir.resolve("confusion_matrix.png"));
    assertThat(matrix.getWidth()).isBetween(n * 4, 2000);
    assertThat(matrix.getHeight()).isBetween(n * 4, 2000);
    assertThat(Images.distinctColours(matrix)).isGreaterThan(10);
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("a rather long class name number 119 of the data set");
  }
}
