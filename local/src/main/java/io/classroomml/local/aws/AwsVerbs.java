package io.classroomml.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.classroomml.contract.StudentNames;
import io.classroomml.local.LocalException;
import io.classroomml.local.LocalMain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The student's verbs against their stack on AWS, named and printing as local mode's: {@code
 * upload}, {@code train}, {@code tune}, {@code transform}, {@code list}, {@code describe}, {@code
 * logs}, {@code stop} and {@code deploy}. The stack is found by the student's id ({@code
 * --student}, DescribeStacks on {@code Classroom-<id>}), or given piece by piece ({@code
 * --pipeline}, {@code --bucket}). Every verb returns its exit code; the SDK's errors become one
 * message here ({@link AwsCalls#explain}). Starting pipelines is {@link PipelineStarts}, the verbs
 * on existing executions {@link ExecutionQueries}.
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

  private final AwsSession aws;
  private final Target target;
  private final PrintStream out;
  private final StackTarget where;
  private final PipelineStarts starts;
  private final ExecutionQueries queries;

  AwsVerbs(AwsSession aws, Target target, PrintStream out, Duration poll) {
    this.aws = aws;
    this.target = target;
    this.out = out;
    this.where = new StackTarget(aws, target);
    this.starts = new PipelineStarts(aws, where, out, poll);
    this.queries = new ExecutionQueries(aws, where, out);
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
                  : PipelineStarts.json(Map.of("hyperparameters", new TreeMap<>(hyperparameters)));
          return starts.startAndFollow(Pipeline.TRAINING, name, input);
        });
  }

  /** {@code tune}: starts the tuning pipeline (the spec the stack was synthesised with). */
  public int tune(Optional<String> name, Map<String, Path> upload) {
    return call(
        () -> {
          if (!upload.isEmpty()) {
            upload(upload, null);
          }
          return starts.startAndFollow(Pipeline.TUNING, name, "{}");
        });
  }

  /** {@code transform}: classifies {@code batch/input/} with training job {@code model}'s model. */
  public int transform(Optional<String> name, String modelJob, Path batchInput) {
    return call(
        () -> {
          if (batchInput != null) {
            upload(Map.of(), batchInput);
          }
          String key = starts.modelKey(modelJob);
          return starts.startAndFollow(
              Pipeline.TRANSFORM, name, PipelineStarts.json(Map.of("modelKey", key)));
        });
  }

  // ---- list, describe, logs, stop

  /** {@code list}: the pipelines' recent executions, newest first. */
  public int list() {
    return call(queries::list);
  }

  /** {@code describe}: an execution (by name or ARN) and its job, or a job by its name, as JSON. */
  public int describe(String name) {
    return call(() -> queries.describe(name));
  }

  /** {@code logs}: a training or transform job's log lines (by job or execution name). */
  public int logs(String name) {
    return call(() -> queries.logs(name));
  }

  /** {@code stop}: stops an execution; Step Functions stops the SageMaker job it runs. */
  public int stop(String name) {
    return call(() -> queries.stop(name));
  }

  /** {@code deploy}: the stack owns the endpoint; say how a model gets there. */
  public int deploy(String endpoint, String job) {
    return call(
        () -> {
          String student = target.student().orElse("ID");
          String key = starts.modelKey(job);
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
