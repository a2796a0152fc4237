package io.classroomml.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.local.LocalException;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * The verbs on executions that exist: {@code list}, {@code describe}, {@code logs} and {@code
 * stop}. An execution is named by its name or ARN, and its SageMaker job is found through its
 * history; {@code describe} and {@code logs} also take a job's own name.
 */
final class ExecutionQueries {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final AwsSession aws;
  private final StackTarget where;
  private final PrintStream out;

  ExecutionQueries(AwsSession aws, StackTarget where, PrintStream out) {
    this.aws = aws;
    this.where = where;
    this.out = out;
  }

  /** The pipelines' recent executions, newest first. */
  int list() {
    for (Map.Entry<Pipeline, String> p : where.pipelines().entrySet()) {
      out.println(p.getKey().word() + " executions (" + p.getValue() + "):");
      List<ExecutionListItem> items;
      try {
        items =
            aws.sfn()
                .listExecutions(r -> r.stateMachineArn(p.getValue()).maxResults(50))
                .executions();
      } catch (StateMachineDoesNotExistException | InvalidArnException e) {
        throw where.unknownPipeline(p.getValue(), p.getKey());
      }
      for (ExecutionListItem e : items) {
        out.printf(
            Locale.ROOT,
            "  %-40s %-10s %s%n",
            e.name(),
            e.statusAsString(),
            e.startDate() == null ? "" : TIME.format(e.startDate()));
      }
    }
    return 0;
  }

  /** An execution (by name or ARN) and its job, or a job by its name, as JSON. */
  int describe(String name) throws JsonProcessingException {
    ObjectNode json = ExecutionHistory.JSON.createObjectNode();
    Pipeline jobKind = Pipeline.ofJob(name);
    String job = name;
    if (jobKind == null) {
      DescribeExecutionResponse e = where.execution(name);
      ObjectNode ex = json.putObject("Execution");
      ex.put("Name", e.name());
      ex.put("ExecutionArn", e.executionArn());
      ex.put("Status", e.statusAsString());
      ex.put("StartDate", e.startDate() == null ? null : e.startDate().toString());
      ex.put("StopDate", e.stopDate() == null ? null : e.stopDate().toString());
      ex.set("Input", ExecutionHistory.parse(e.input()));
      ex.set("Output", ExecutionHistory.parse(e.output()));
      ex.put("Error", e.error());
      ex.put("Cause", e.cause());
      Optional<ExecutionHistory.Job> j = where.jobOf(e.executionArn());
      jobKind = j.map(ExecutionHistory.Job::kind).orElse(null);
      job = j.map(ExecutionHistory.Job::name).orElse(null);
    }
    if (jobKind == Pipeline.TRAINING) {
      json.set("TrainingJob", JobDescriptions.trainingJob(aws.sageMaker(), job));
    } else if (jobKind == Pipeline.TUNING) {
      json.set("HyperParameterTuningJob", JobDescriptions.tuningJob(aws.sageMaker(), job));
    } else if (jobKind == Pipeline.TRANSFORM) {
      json.set("TransformJob", JobDescriptions.transformJob(aws.sageMaker(), job));
    }
    out.println(ExecutionHistory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    return 0;
  }

  /** A training or transform job's log lines (by job or execution name). */
  int logs(String name) {
    Pipeline kind = Pipeline.ofJob(name);
    String job = name;
    if (kind == null) {
      ExecutionHistory.Job j =
          where
              .jobOf(where.execution(name).executionArn())
              .orElseThrow(
                  () ->
                      new LocalException(
                          "execution "
                              + name
                              + " has not started a SageMaker job (see scripts/local describe "
                              + name
                              + ")"));
      kind = j.kind();
      job = j.name();
    }
    if (kind.logGroup() == null) {
      throw new LocalException(
          job
              + " is a tuning job: each trial has its own log; see the trials with scripts/local"
              + " describe, then scripts/local logs TRIAL");
    }
    List<String> lines = new LogTail(aws.logs(), kind.logGroup(), job).next();
    for (String line : lines) {
      out.println("[" + job + "] " + line);
    }
    if (lines.isEmpty()) {
      out.println("no log lines of " + job + " in " + kind.logGroup() + " yet");
    }
    return 0;
  }

  /** Stops an execution; Step Functions stops the SageMaker job it runs. */
  int stop(String name) {
    DescribeExecutionResponse e = where.execution(name);
    if (e.status() != ExecutionStatus.RUNNING) {
      out.println("execution " + e.name() + " is " + e.statusAsString() + ": nothing to stop");
      return 0;
    }
    aws.sfn()
        .stopExecution(
            r ->
                r.executionArn(e.executionArn())
                    .error("StoppedByStudent")
                    .cause("scripts/local stop"));
    Optional<ExecutionHistory.Job> job = where.jobOf(e.executionArn());
    out.println(
        "stopped execution "
            + e.name()
            + job.map(j -> "; Step Functions stops " + j.kind().word() + " job " + j.name())
                .orElse(""));
    return 0;
  }
}
