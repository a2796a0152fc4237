package io.classroomml.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.tuning.ObjectiveType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardReportTest {

  @TempDir Path dir;

  private static Trial trial(String name, String status, String lr, double... accuracies) {
    List<EpochStats> epochs = new ArrayList<>();
    for (int i = 0; i < accuracies.length; i++) {
      epochs.add(
          SampleRuns.epoch(i + 1, 1.0 / (i + 1), accuracies[i], 1.1 / (i + 1), accuracies[i]));
    }
    double objective = accuracies.length == 0 ? Double.NaN : accuracies[accuracies.length - 1];
    return new Trial(
        name, status, Map.of("learning_rate", lr, "batch_size", "64"), objective, epochs);
  }

  private static List<Trial> trials() {
    return List.of(
        trial("tuning-001", Trial.COMPLETED, "0.001", 0.50, 0.61, 0.70),
        trial("tuning-002", Trial.FAILED, "0.1"),
        trial("tuning-003 <fast>", Trial.COMPLETED, "0.05", 0.62, 0.78, 0.85),
        trial("tuning-004", "Stopped", "0.01", 0.55, 0.66));
  }

  @Test
  void write_ranksBestFirstAndListsFailedTrialsAfter() throws IOException {
    List<Path> written =
        LeaderboardReport.write(
            "course search", "validation:accuracy", ObjectiveType.MAXIMIZE, trials(), dir);

    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("objective.png", "leaderboard.csv", "leaderboard.html");
    assertThat(Files.readAllLines(dir.resolve("leaderboard.csv")))
        .containsExactly(
            "rank,trial,status,validation:accuracy,epochs,batch_size,learning_rate",
            "1,tuning-003 <fast>,Completed,0.850000,3,64,0.05",
            "2,tuning-001,Completed,0.700000,3,64,0.001",
            "3,tuning-004,Stopped,0.660000,2,64,0.01",
            ",tuning-002,Failed,,0,64,0.1");
    String html = Files.readString(dir.resolve("leaderboard.html"));
    assertThat(html)
        .contains("Best: tuning-003 &lt;fast&gt; with 0.8500.")
        .contains("<td>tuning-002</td><td>Failed</td>")
        .doesNotContain("<fast>")
        .contains("<img src=\"objective.png\"");
    assertThat(html.indexOf("tuning-003")).isLessThan(html.indexOf("tuning-001"));
  }

  @Test
  void write_minimizingPutsLowestFirst() throws IOException {
    List<Trial> trials =
        List.of(
            new Trial("a", Trial.COMPLETED, Map.of(), 0.9, List.of()),
            new Trial("b", Trial.COMPLETED, Map.of(), 0.3, List.of()));

    LeaderboardReport.write("", "validation:loss", ObjectiveType.MINIMIZE, trials, dir);

    assertThat(Files.readAllLines(dir.resolve("leaderboard.csv")))
        .containsExactly(
            "rank,trial,status,validation:loss,epochs",
            "1,b,Completed,0.300000,0",
            "2,a,Completed,0.900000,0");
  }

  @Test
  void write_objectiveChartIsARealPicture() throws IOException {
    LeaderboardReport.write(
        "course search", "validation:accuracy", ObjectiveType.MAXIMIZE, trials(), dir);

    BufferedImage chart = Images.decode(dir.resolve("objective.png"));
    assertThat(chart.getWidth()).isEqualTo(LeaderboardReport.CHART_WIDTH);
    assertThat(chart.getHeight()).isEqualTo(LeaderboardReport.CHART_HEIGHT);
    assertThat(Images.distinctColours(chart)).isGreaterThan(10);
  }

  @Test
  void write_sameTrialsGiveIdenticalBytes() throws IOException {
    List<Path> a =
        LeaderboardReport.write(
            "t", "validation:accuracy", ObjectiveType.MAXIMIZE, trials(), dir.resolve("a"));
    LeaderboardReport.write(
        "t", "validation:accuracy", ObjectiveType.MAXIMIZE, trials(), dir.resolve("b"));

    for (Path file : a) {
      assertThat(Files.readAllBytes(file))
          .as(file.getFileName().toString())
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file.getFileName())));
    }
  }

  @Test
  void write_manyTrialsAndNoTrialsDoNotThrow() throws IOException {
    List<Trial> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(trial("trial-" + i, Trial.COMPLETED, "0.0" + i, 0.3, 0.4 + i / 200.0));
    }
    assertThat(
            LeaderboardReport.write(
                "many", "validation:accuracy", ObjectiveType.MAXIMIZE, many, dir.resolve("m")))
        .hasSize(3);
    assertThat(
            LeaderboardReport.write(
                "none", "validation:accuracy", ObjectiveType.MAXIMIZE, List.of(), dir.resolve("n")))
        .hasSize(3);
    assertThat(Files.readString(dir.resolve("n/leaderboard.html"))).contains("0 trials, 0 ranked");
  }

  @Test
  void write_unknownObjectiveMetricNamesTheValidOnes() {
    assertThatThrownBy(
            () -> LeaderboardReport.write("t", "val_acc", ObjectiveType.MAXIMIZE, trials(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"val_acc\"")
        .hasMessageContaining("validation:accuracy")
        .hasMessageContaining("train:loss");
  }

  @Test
  void write_showsNotesAndLinksEachTrialsReport() throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("leaderboard");
    List<Trial> trials =
        List.of(
            new Trial(
                "t-1",
                Trial.COMPLETED,
                Map.of(),
                0.7,
                List.of(EpochStats.of(1, io.classroomml.contract.Metric.VALIDATION_ACCURACY, 0.7)),
                "",
                "t-1/report.html"),
            new Trial("t-2", Trial.FAILED, Map.of(), Double.NaN, List.of(), "'x' < 0", ""));

    LeaderboardReport.write("t", "validation:accuracy", ObjectiveType.MAXIMIZE, trials, dir);

    String html = java.nio.file.Files.readString(dir.resolve(LeaderboardReport.LEADERBOARD_HTML));
    assertThat(html).contains("<a href=\"t-1/report.html\">t-1</a>").contains("&#39;x&#39; &lt; 0");
    assertThat(java.nio.file.Files.readString(dir.resolve(LeaderboardReport.LEADERBOARD_CSV)))
        .contains("note");
  }
}
