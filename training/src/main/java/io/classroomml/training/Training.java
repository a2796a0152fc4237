package io.classroomml.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.classroomml.reports.StepStats;
import io.classroomml.reports.TrainingReport;
import io.classroomml.reports.TrainingReportData;
import io.classroomml.training.config.TrainingEnvironment;
import io.classroomml.training.loop.TrainingLoop;
import io.classroomml.training.loop.TrainingLoop.RunOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole training job: the loop, then the outputs SageMaker uploads — {@code metrics.json} and the
 * report (curves, confusion matrix, profile, findings) in {@code /opt/ml/output/data}. Tests call
 * {@link #run} in-process; {@link TrainMain} calls it for the container.
 */
public final class Training {

  /** Per-epoch, per-step-window and final metrics, beside the report. */
  public static final String METRICS_FILE = "metrics.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Training() {}

  /** Runs the job described by {@code env}, logging to {@code log}. */
  public static TrainingResult run(TrainingEnvironment env, StopSignal stop, PrintStream log)
      throws IOException {
    RunOutcome outcome = TrainingLoop.run(env, stop, log);
    TrainingResult result = outcome.result();
    Path out = env.paths().outputData();
    Files.createDirectories(out);
    writeMetrics(result, outcome.steps(), out.resolve(METRICS_FILE));
    TrainingReportData report =
        new TrainingReportData(
            "Training job " + env.jobName() + " (" + env.config().model().id() + ")",
            result.epochs(),
            outcome.data().train().classNames(),
            outcome.confusion(),
            outcome.profile(),
            env.hyperparameters().values(),
            result.finalMetrics(),
            outcome.steps());
    TrainingReport.write(report, out);
    log.printf(
        "%s: model in %s, report in %s%n",
        result.status(), result.modelDir(), out.resolve("report.html"));
    return result;
  }

  private static void writeMetrics(TrainingResult result, List<StepStats> steps, Path file)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", result.status().name());
    json.put("reason", result.reason());
    json.put("final", result.finalMetrics());
    json.put("epochs", result.epochs());
    // Within epochs: at most a few hundred points, each the mean of a window of steps.
    json.put("steps", steps);
    JSON.writeValue(file.toFile(), json);
  }
}
