package io.classroomml.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.classroomml.local.LocalException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Starting a pipeline's execution for {@code train}, {@code tune} and {@code transform}: the
 * execution's name, its input, the Step Functions refusals as a fix, and then following it to its
 * end. The model a transform or deploy names is found here too.
 */
final class PipelineStarts {

  private final AwsSession aws;
  private final StackTarget where;
  private final PrintStream out;
  private final Duration poll;

  PipelineStarts(AwsSession aws, StackTarget where, PrintStream out, Duration poll) {
    this.aws = aws;
    this.where = where;
    this.out = out;
    this.poll = poll;
  }

  /** Starts an execution of {@code kind} with {@code input} and follows it; its exit code. */
  int startAndFollow(Pipeline kind, Optional<String> name, String input)
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

  /** The key in the artifact bucket of training job {@code job}'s {@code model.tar.gz}. */
  String modelKey(String job) {
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
    } catch (ResourceNotFoundException e) {
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

  private String stopCommand(String execution) {
    return "scripts/local stop --target aws " + where.options() + " " + execution;
  }

  /** {@code value} as the JSON input of an execution. */
  static String json(Object value) {
    try {
      return ExecutionHistory.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
