package io.classroomml.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.local.LocalMain;
import io.classroomml.local.job.MetricScraper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatusCounters;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Follows a pipeline execution to its end, printing as local mode does: the execution's status and
 * steps (Step Functions' history), the SageMaker job's status transitions, its log lines from
 * CloudWatch Logs as {@code [job] line} with the metrics the shared definitions find in them, and
 * at the end the job's final metrics and model location (or why it failed, and the fix). Ctrl-C
 * detaches: the execution goes on in AWS, and the hook says how to stop it.
 */
final class ExecutionFollower {

  private final AwsSession aws;
  private final PrintStream out;
  private final Duration poll;

  ExecutionFollower(AwsSession aws, PrintStream out, Duration poll) {
    this.aws = aws;
    this.out = out;
    this.poll = poll;
  }

  /** Follows {@code executionArn}; its exit code (0 when it succeeded). */
  int follow(String executionArn, String stopCommand) throws InterruptedException {
    Thread detach =
        new Thread(
            () ->
                out.println("detached: the execution goes on in AWS; stop it with " + stopCommand));
    Runtime.getRuntime().addShutdownHook(detach);
    try {
      return followToEnd(executionArn);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(detach);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook runs
      }
    }
  }

  private int followToEnd(String executionArn) throws InterruptedException {
    ExecutionHistory history = new ExecutionHistory(aws.sfn(), executionArn);
    MetricScraper metrics = new MetricScraper();
    ExecutionStatus shown = null;
    int transitionsShown = 0;
    String countersShown = null;
    LogTail tail = null;
    while (true) {
      DescribeExecutionResponse execution =
          aws.sfn().describeExecution(r -> r.executionArn(executionArn));
      if (execution.status() != shown) {
        shown = execution.status();
        out.println("execution " + execution.name() + ": " + execution.statusAsString());
      }
      for (HistoryEvent e : history.next()) {
        if (e.type() == HistoryEventType.TASK_STATE_ENTERED) { // the steps that do something
          out.println("  step " + e.stateEnteredEventDetails().name());
        }
        ExecutionHistory.jobOf(e)
            .ifPresent(j -> out.println("  " + j.kind().word() + " job " + j.name()));
      }
      Optional<ExecutionHistory.Job> job = history.job().filter(j -> history.jobCreated());
      if (job.isPresent()) {
        ExecutionHistory.Job j = job.get();
        if (j.kind() == Pipeline.TRAINING) {
          DescribeTrainingJobResponse d =
              aws.sageMaker().describeTrainingJob(r -> r.trainingJobName(j.name()));
          for (int i = transitionsShown; i < d.secondaryStatusTransitions().size(); i++) {
            SecondaryStatusTransition t = d.secondaryStatusTransitions().get(i);
            out.println(
                "  training job "
                    + j.name()
                    + ": "
                    + t.statusAsString()
                    + (t.statusMessage() == null ? "" : " (" + t.statusMessage() + ")"));
          }
          transitionsShown = d.secondaryStatusTransitions().size();
        } else if (j.kind() == Pipeline.TUNING) {
          DescribeHyperParameterTuningJobResponse d =
              aws.sageMaker()
                  .describeHyperParameterTuningJob(r -> r.hyperParameterTuningJobName(j.name()));
          String counters = counters(d.trainingJobStatusCounters(), best(d));
          if (!counters.equals(countersShown)) {
            out.println(
                "  tuning job "
                    + j.name()
                    + ": "
                    + d.hyperParameterTuningJobStatusAsString()
                    + ", "
                    + counters);
            countersShown = counters;
          }
        }
        if (j.kind().logGroup() != null) {
          if (tail == null) {
            tail = new LogTail(aws.logs(), j.kind().logGroup(), j.name());
          }
          for (String line : tail.next()) {
            out.println("[" + j.name() + "] " + line);
            Map<String, Double> found = metrics.accept(line);
            found.forEach(
                (k, v) -> out.printf(Locale.ROOT, "[%s] metric %s = %.4f%n", j.name(), k, v));
          }
        }
      }
      if (execution.status() != ExecutionStatus.RUNNING) {
        return finish(execution, job);
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private int finish(DescribeExecutionResponse execution, Optional<ExecutionHistory.Job> job) {
    JsonNode output = ExecutionHistory.parse(execution.output());
    if (job.isEmpty()) {
      out.println(
          "execution "
              + execution.name()
              + ": "
              + execution.statusAsString()
              + failure(execution)
              + " before SageMaker started a job");
      hint(execution).ifPresent(h -> out.println("  fix: " + h));
      return execution.status() == ExecutionStatus.SUCCEEDED ? 0 : LocalMain.EXIT_JOB_FAILED;
    }
    ExecutionHistory.Job j = job.get();
    switch (j.kind()) {
      case TRAINING -> reportTraining(j.name());
      case TUNING -> reportTuning(j.name(), output.path("tuning"));
      case TRANSFORM ->
          out.println(
              "transform job "
                  + j.name()
                  + ": "
                  + execution.statusAsString()
                  + "\n  output: "
                  + j.request().path("TransformOutput").path("S3OutputPath").asText());
    }
    if (execution.status() != ExecutionStatus.SUCCEEDED) {
      out.println(
          "execution " + execution.name() + ": " + execution.statusAsString() + failure(execution));
      return LocalMain.EXIT_JOB_FAILED;
    }
    return 0;
  }

  /** As local mode's {@code train} prints a finished job: status, time, final metrics, model. */
  void reportTraining(String name) {
    DescribeTrainingJobResponse d =
        aws.sageMaker().describeTrainingJob(r -> r.trainingJobName(name));
    out.printf(
        Locale.ROOT,
        "training job %s: %s (%s) in %d s%n",
        name,
        d.trainingJobStatusAsString(),
        d.secondaryStatusAsString(),
        d.trainingTimeInSeconds() == null ? 0 : d.trainingTimeInSeconds());
    if (d.failureReason() != null) {
      out.println("  FailureReason: " + d.failureReason());
    }
    d.finalMetricDataList()
        .forEach(m -> out.printf(Locale.ROOT, "  %s = %.4f%n", m.metricName(), m.value()));
    if (d.modelArtifacts() != null) {
      out.println("  model: " + d.modelArtifacts().s3ModelArtifacts());
    }
  }

  private void reportTuning(String name, JsonNode tuning) {
    JsonNode counters = tuning.path("TrainingJobStatusCounters");
    out.printf(
        Locale.ROOT,
        "tuning job %s: %s, %d trials completed, %d failed, %d stopped%n",
        name,
        tuning.path("HyperParameterTuningJobStatus").asText("(see describe)"),
        counters.path("Completed").asInt(),
        counters.path("NonRetryableError").asInt() + counters.path("RetryableError").asInt(),
        counters.path("Stopped").asInt());
    JsonNode best = tuning.path("BestTrainingJob");
    if (best.has("TrainingJobName")) {
      JsonNode objective = best.path("FinalHyperParameterTuningJobObjectiveMetric");
      out.printf(
          Locale.ROOT,
          "best: %s (%s = %.4f) %s%n",
          best.path("TrainingJobName").asText(),
          objective.path("MetricName").asText(),
          objective.path("Value").asDouble(),
          best.path("TunedHyperParameters"));
      reportTraining(best.path("TrainingJobName").asText());
    }
  }

  private static String counters(TrainingJobStatusCounters c, String best) {
    if (c == null) {
      return "no trials yet";
    }
    return String.format(
            Locale.ROOT,
            "trials: %d completed, %d in progress, %d failed, %d stopped",
            n(c.completed()),
            n(c.inProgress()),
            n(c.nonRetryableError()) + n(c.retryableError()),
            n(c.stopped()))
        + best;
  }

  /** A counter SageMaker leaves out while it is zero. */
  private static int n(Integer count) {
    return count == null ? 0 : count;
  }

  private static String best(DescribeHyperParameterTuningJobResponse d) {
    if (d.bestTrainingJob() == null
        || d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric() == null) {
      return "";
    }
    var m = d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric();
    return String.format(
        Locale.ROOT,
        "; best so far %s (%s = %.4f)",
        d.bestTrainingJob().trainingJobName(),
        m.metricName(),
        m.value());
  }

  private static String failure(DescribeExecutionResponse e) {
    if (e.error() == null && e.cause() == null) {
      return "";
    }
    String cause = e.cause() == null ? "" : e.cause();
    JsonNode json = ExecutionHistory.parse(cause);
    if (json.has("FailureReason")) {
      cause = json.path("FailureReason").asText(); // a .sync task's cause is the Describe answer
    }
    return " ("
        + (e.error() == null ? "" : e.error())
        + (cause.isEmpty() ? "" : ": " + cause)
        + ")";
  }

  /** What to do about the failures the pipelines raise themselves. */
  private static Optional<String> hint(DescribeExecutionResponse e) {
    if ("NoTrainingData".equals(e.error())) {
      return Optional.of(
          "upload the training set first: scripts/local upload --target aws --student ID --data DIR");
    }
    if ("TooManyRunning".equals(e.error())) {
      return Optional.of(
          "see what runs with scripts/local list --target aws, wait for it or stop it with"
              + " scripts/local stop --target aws NAME, then start again");
    }
    if ("States.Timeout".equals(e.error())) {
      return Optional.of(
          "the pipeline's time limit was reached; ask for a longer one or train less");
    }
    return Optional.empty();
  }
}
