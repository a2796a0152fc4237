package io.classroomml.local;

import io.classroomml.contract.tuning.Objective;
import io.classroomml.local.data.DataSelection;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.tune.Leaderboard;
import io.classroomml.local.tune.TuningJobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.md} of a local run: data, jobs, leaderboard, endpoint accuracy, where things are.
 */
final class RunReport {

  private RunReport() {}

  static Path write(
      Path runDir,
      DataSelection.Selected data,
      TrainingJobRecord trained,
      TuningJobRecord tuned,
      Objective objective,
      Map<String, Invoker.Scored> scores,
      Map<String, String> served,
      Map<String, Double> seconds,
      Workspace ws,
      java.util.Optional<AwsComparison> comparison) {
    StringBuilder md = new StringBuilder();
    md.append("# Local run ").append(runDir.getFileName()).append("\n\n");
    md.append("Data: ").append(data.name()).append(" — ").append(data.why()).append("\n\n");
    md.append("## Training job ").append(trained.name()).append("\n\n");
    md.append(trained.status())
        .append(String.format(Locale.ROOT, ", %.0f s. ", trained.trainingSeconds()));
    trained
        .finalMetrics()
        .forEach((k, v) -> md.append(String.format(Locale.ROOT, "%s %.4f; ", k, v)));
    md.append("\n\nReport: ")
        .append(Path.of(trained.baseDir()).resolve("output/data/report.html"))
        .append(" (curves: curves.png beside it)\n\n");
    md.append("## Tuning job ").append(tuned.name()).append("\n\n");
    md.append("Local overrides of the spec: ")
        .append(String.join("; ", tuned.overrides()))
        .append("\n\n");
    md.append(Leaderboard.markdown(tuned, objective)).append('\n');
    md.append("Leaderboard with curves: ")
        .append(ws.tuningJob(tuned.name()).resolve("leaderboard.html"))
        .append(
            "\n\n## Endpoints\n\n| endpoint | model of | images | accuracy | ms/request |\n|---|---|---:|---:|---:|\n");
    scores.forEach(
        (endpoint, s) ->
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %.3f | %.1f |%n",
                    endpoint,
                    served.get(endpoint),
                    s.predicted().size(),
                    s.accuracy(),
                    s.millis() / Math.max(1, s.requests()))));
    md.append("\n## Time (s)\n\n");
    seconds.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    comparison.ifPresent(
        aws -> {
          md.append("\n## The same jobs on AWS, side by side\n\n")
              .append("If each job took as long on AWS as here: ")
              .append(aws.assumptions())
              .append(".\n\n| job | here (s) | AWS estimate (USD) |\n|---|---:|---:|\n");
          double total = 0;
          List<String[]> rows = new ArrayList<>();
          rows.add(new String[] {trained.name(), Double.toString(trained.trainingSeconds())});
          for (TuningJobRecord.TrialSummary t : tuned.trials()) {
            rows.add(new String[] {t.name(), Double.toString(t.seconds())});
          }
          for (String[] row : rows) {
            double s = Double.parseDouble(row[1]);
            total += aws.training(s);
            md.append(
                String.format(Locale.ROOT, "| %s | %.0f | %.4f |%n", row[0], s, aws.training(s)));
          }
          double endpointSeconds =
              seconds.getOrDefault("endpoints up", 0.0) + seconds.getOrDefault("invocations", 0.0);
          double hosting = aws.hosting(endpointSeconds) * scores.size();
          total += hosting;
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %d endpoints while in use | %.0f | %.4f |%n| **total** | %.0f | **%.4f** |%n",
                  scores.size(),
                  endpointSeconds,
                  hosting,
                  seconds.getOrDefault("total", 0.0),
                  total));
          md.append(
              "\nHere: no AWS account, $0. On AWS a GPU instance is usually much faster than this"
                  + " machine, and spot training (the classroom's default) is billed less.\n");
        });
    md.append("\nWorkspace: ").append(ws.root()).append('\n');
    Path file = runDir.resolve("report.md");
    try {
      Files.createDirectories(runDir);
      Files.writeString(file, md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
