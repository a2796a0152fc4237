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
      Workspace ws) {
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
