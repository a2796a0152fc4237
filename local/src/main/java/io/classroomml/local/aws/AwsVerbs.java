package io.classroomml.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.contract.StudentNames;
import io.classroomml.local.LocalException;
import io.classroomml.local.LocalMain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * The student's verbs against their stack on AWS, named and printing as local mode's: {@code
 * upload}, {@code train}, {@code tune}, {@code transform}, {@code list}, {@code describe}, {@code
 * logs}, {@code stop} and {@code deploy}. The stack is found by the student's id ({@code
 * --student}, DescribeStacks on {@code Classroom-<id>}), or given piece by piece ({@code
 * --pipeline}, {@code --bucket}). Every verb returns its exit code; the SDK's errors become one
 * message here ({@link AwsCalls#explain}).
 */
public final class AwsVerbs implements AutoCloseable {

  /** Where the verbs act: the student's stack, or an explicit pipeline or bucket. */
  public record Target(
      Optional<String> student, Optional<String> pipeline, Optional<String> bucket) {}

  /** Makes the verbs for a command line: AWS itself, or what a test wires. */
  public interface Connector {
    AwsVerbs connect(AwsSession.Settings settings, Target target, PrintStream out);
  }

  /** How often a followed execution is polled. */
  static final Duration POLL = Duration.ofSeconds(10);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final AwsSession aws;
  private final Target target;
  private final PrintStream out;
  private final Duration poll;
  private final StackTarget where;

  AwsVerbs(AwsSession aws, Target target, PrintStream out, Duration poll) {
    this.aws = aws;
    this.target = target;
    this.out = out;
    this.poll = poll;
    this.where = new StackTarget(aws, target);
  }

  /** The verbs against AWS, in the pipeline ARN's region when no other is given. */
  public static AwsVerbs connect(AwsSession.Settings settings, Target target, PrintStream out) {
    Optional<String> arnRegion =
        target.pipeline().map(StackTarget::checkArn).map(a -> a.split(":")[3]);
    return new AwsVerbs(AwsSession.connect(settings, arnRegion), target, out, POLL);
  }

  /**
   * Verbs whose requests go to {@code http}, something that answers for AWS (the command line's
   * tests), with placeholder credentials, in {@code region} unless --region says otherwise, polling
   * every {@code poll}.
   */
  public static Connector through(SdkHttpClient http, String region, Duration poll) {
    return (settings, target, out) ->
        new AwsVerbs(
            new AwsSession(
                Region.of(settings.region().orElse(region)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "none")),
                new AwsSession.Wiring(http, Optional.empty(), AwsSession.DEFAULT_PART_SIZE)),
            target,
            out,
            poll);
  }

  // ---- upload

  /** {@code upload}: the folders into the data bucket's channel prefixes. */
  public int upload(Map<String, Path> channels, Path batchInput) {
    return call(
        () -> {
          String bucket = target.bucket().orElseGet(() -> where.stack("--bucket").dataBucket());
          DataUpload.Summary s = new DataUpload(aws.s3(), bucket, out).upload(channels, batchInput);
          out.printf(
              Locale.ROOT,
              "upload to s3://%s/: %d uploaded, %d unchanged, %d deleted%n",
              bucket,
              s.uploaded().size(),
              s.unchanged().size(),
              s.deleted().size());
          return 0;
        });
  }

  // ---- train, tune, transform

  /** {@code train}: uploads the channels if given, starts the training pipeline and follows it. */
  public int train(
      Optional<String> name, Map<String, String> hyperparameters, Map<String, Path> upload) {
    return call(
        () -> {
          if (!upload.isEmpty()) {
            upload(upload, null);
          }
          String input =
              hyperparameters.isEmpty()
                  ? "{}"
                  : json(Map.of("hyperparameters", new TreeMap<>(hyperparameters)));
          return startAndFollow(Pipeline.TRAINING, name, input);
        });
  }

  /** {@code tune}: starts the tuning pipeline (the spec the stack was synthesised with). */
  public int tune(Optional<String> name, Map<String, Path> upload) {
    return call(
        () -> {
          if (!upload.isEmpty()) {
            upload(upload, null);
          }
          return startAndFollow(Pipeline.TUNING, name, "{}");
        });
  }

  /** {@code transform}: classifies {@code batch/input/} with training job {@code model}'s model. */
  public int transform(Optional<String> name, String modelJob, Path batchInput) {
    return call(
        () -> {
          if (batchInput != null) {
            upload(Map.of(), batchInput);
          }
          String key = modelKey(modelJob);
          return startAndFollow(Pipeline.TRANSFORM, name, json(Map.of("modelKey", key)));
        });
  }

  private int startAndFollow(Pipeline kind, Optional<String> name, String input)
      throws InterruptedException {
    String pipeline = where.pipeline(kind);
    String execution =
        name.orElseGet(
            () ->
                kind.word()
                    + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()));
    String arn;
    try {
      arn =
          aws.sfn()
              .startExecution(r -> r.stateMachineArn(pipeline).name(execution).input(input))
              .executionArn();
    } catch (StateMachineDoesNotExistException | InvalidArnException e) {
      throw where.unknownPipeline(pipeline, kind);
    } catch (ExecutionAlreadyExistsException e) {
      throw new LocalException(
          "the "
              + kind.word()
              + " pipeline already has an execution named "
              + execution
              + ": choose another --name (names stay taken for 90 days)");
    } catch (InvalidNameException e) {
      throw new LocalException(
          "--name "
              + execution
              + " is not a Step Functions execution name: 1-80 letters, digits,"
              + " '-' and '_'");
    }
    out.println("started execution " + execution + " of the " + kind.word() + " pipeline");
    out.println("  " + arn);
    return new ExecutionFollower(aws, out, poll).follow(arn, stopCommand(execution));
  }

  // ---- list, describe, logs, stop

  /** {@code list}: the pipelines' recent executions, newest first. */
  public int list() {
    return call(
        () -> {
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
        });
  }

  /** {@code describe}: an execution (by name or ARN) and its job, or a job by its name, as JSON. */
  public int describe(String name) {
    return call(
        () -> {
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
            json.set("TrainingJob", trainingJob(job));
          } else if (jobKind == Pipeline.TUNING) {
            json.set("HyperParameterTuningJob", tuningJob(job));
          } else if (jobKind == Pipeline.TRANSFORM) {
            json.set("TransformJob", transformJob(job));
          }
          out.println(
              ExecutionHistory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
          return 0;
        });
  }

  /** {@code logs}: a training or transform job's log lines (by job or execution name). */
  public int logs(String name) {
    return call(
        () -> {
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
        });
  }

  /** {@code stop}: stops an execution; Step Functions stops the SageMaker job it runs. */
  public int stop(String name) {
    return call(
        () -> {
          DescribeExecutionResponse e = where.execution(name);
          if (e.status() != ExecutionStatus.RUNNING) {
            out.println(
                "execution " + e.name() + " is " + e.statusAsString() + ": nothing to stop");
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
        });
  }

  /** {@code deploy}: the stack owns the endpoint; say how a model gets there. */
  public int deploy(String endpoint, String job) {
    return call(
        () -> {
          String student = target.student().orElse("ID");
          String key = modelKey(job);
          throw new LocalException(
              "students cannot create endpoints on AWS: your endpoint "
                  + StudentNames.endpoint(student)
                  + " is part of your stack (the student role may only invoke it), so --endpoint "
                  + endpoint
                  + " is not created. To serve "
                  + job
                  + "'s model, ask your platform engineer to set \"modelKey\": \""
                  + key
                  + "\" for student "
                  + student
                  + " in the class list and run scripts/deploy; then send it images with"
                  + " scripts/local invoke --endpoint "
                  + StudentNames.endpoint(student)
                  + " --region "
                  + aws.region()
                  + " FILE");
        });
  }

  // ---- helpers

  /** The key in the artifact bucket of training job {@code job}'s {@code model.tar.gz}. */
  private String modelKey(String job) {
    if (Pipeline.ofJob(job) != Pipeline.TRAINING) {
      throw new LocalException(
          "--model "
              + job
              + " is not a training job of the classroom's pipelines"
              + " (<student>--train-<12 hex>, or a tuning trial): see scripts/local list --target aws");
    }
    DescribeTrainingJobResponse d;
    try {
      d = aws.sageMaker().describeTrainingJob(r -> r.trainingJobName(job));
    } catch (software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException e) {
      throw new LocalException(
          "there is no training job "
              + job
              + " in "
              + aws.region()
              + ": see scripts/local list --target aws");
    }
    if (d.modelArtifacts() == null) {
      throw new LocalException(
          "training job "
              + job
              + " has no model ("
              + d.trainingJobStatusAsString()
              + "): pick a completed one");
    }
    String uri = d.modelArtifacts().s3ModelArtifacts();
    // s3://<artifacts bucket>/<key>
    return uri.substring(uri.indexOf('/', "s3://".length()) + 1);
  }

  private ObjectNode trainingJob(String name) {
    DescribeTrainingJobResponse d =
        aws.sageMaker().describeTrainingJob(r -> r.trainingJobName(name));
    ObjectNode job = ExecutionHistory.JSON.createObjectNode();
    job.put("TrainingJobName", d.trainingJobName());
    job.put("TrainingJobStatus", d.trainingJobStatusAsString());
    job.put("SecondaryStatus", d.secondaryStatusAsString());
    job.put("FailureReason", d.failureReason());
    job.put("TrainingTimeInSeconds", d.trainingTimeInSeconds());
    job.put("BillableTimeInSeconds", d.billableTimeInSeconds());
    job.set("HyperParameters", ExecutionHistory.JSON.valueToTree(d.hyperParameters()));
    ObjectNode metrics = job.putObject("FinalMetricDataList");
    d.finalMetricDataList().forEach(m -> metrics.put(m.metricName(), m.value()));
    job.put(
        "ModelArtifacts",
        d.modelArtifacts() == null ? null : d.modelArtifacts().s3ModelArtifacts());
    return job;
  }

  private ObjectNode tuningJob(String name) {
    DescribeHyperParameterTuningJobResponse d =
        aws.sageMaker().describeHyperParameterTuningJob(r -> r.hyperParameterTuningJobName(name));
    ObjectNode job = ExecutionHistory.JSON.createObjectNode();
    job.put("HyperParameterTuningJobName", d.hyperParameterTuningJobName());
    job.put("HyperParameterTuningJobStatus", d.hyperParameterTuningJobStatusAsString());
    job.put("FailureReason", d.failureReason());
    ObjectNode counters = job.putObject("TrainingJobStatusCounters");
    if (d.trainingJobStatusCounters() != null) {
      var c = d.trainingJobStatusCounters();
      counters.put("Completed", c.completed());
      counters.put("InProgress", c.inProgress());
      counters.put("RetryableError", c.retryableError());
      counters.put("NonRetryableError", c.nonRetryableError());
      counters.put("Stopped", c.stopped());
    }
    if (d.bestTrainingJob() != null) {
      ObjectNode best = job.putObject("BestTrainingJob");
      best.put("TrainingJobName", d.bestTrainingJob().trainingJobName());
      best.set(
          "TunedHyperParameters",
          ExecutionHistory.JSON.valueToTree(d.bestTrainingJob().tunedHyperParameters()));
      if (d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric() != null) {
        var m = d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric();
        best.put(m.metricName(), m.value());
      }
    }
    return job;
  }

  private ObjectNode transformJob(String name) {
    DescribeTransformJobResponse d =
        aws.sageMaker().describeTransformJob(r -> r.transformJobName(name));
    ObjectNode job = ExecutionHistory.JSON.createObjectNode();
    job.put("TransformJobName", d.transformJobName());
    job.put("TransformJobStatus", d.transformJobStatusAsString());
    job.put("FailureReason", d.failureReason());
    job.put("ModelName", d.modelName());
    job.put(
        "S3OutputPath", d.transformOutput() == null ? null : d.transformOutput().s3OutputPath());
    return job;
  }

  private String stopCommand(String execution) {
    return "scripts/local stop --target aws " + where.options() + " " + execution;
  }

  private static String json(Object value) {
    try {
      return ExecutionHistory.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a verb; the SDK's errors become one message ({@link AwsCalls#explain}). */
  private int call(Verb verb) {
    try {
      return verb.run();
    } catch (SdkException e) {
      throw AwsCalls.explain(e, aws.region().id());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LocalMain.EXIT_JOB_FAILED;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Verb {
    int run() throws InterruptedException, JsonProcessingException;
  }

  @Override
  public void close() {
    aws.close();
  }
}
