package io.classroomml.local.aws;

import io.classroomml.local.LocalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * What a verb acts on: the student's stack (its outputs read once, on first need), or the pipeline
 * or bucket given explicitly; and executions found by name in those pipelines.
 */
final class StackTarget {

  private final AwsSession aws;
  private final AwsVerbs.Target target;
  private StackOutputs stack;

  StackTarget(AwsSession aws, AwsVerbs.Target target) {
    this.aws = aws;
    this.target = target;
  }

  /** The SageMaker job an execution started (none when SageMaker has not created it). */
  Optional<ExecutionHistory.Job> jobOf(String executionArn) {
    ExecutionHistory history = new ExecutionHistory(aws.sfn(), executionArn);
    history.next();
    return history.job().filter(j -> history.jobCreated());
  }

  /** An execution by ARN, or by name in one of the pipelines. */
  DescribeExecutionResponse execution(String name) {
    if (name.startsWith("arn:")) {
      try {
        return aws.sfn().describeExecution(r -> r.executionArn(name));
      } catch (ExecutionDoesNotExistException | InvalidArnException e) {
        throw new LocalException(
            "there is no execution "
                + name
                + " in "
                + aws.region()
                + ": see scripts/local list --target aws");
      }
    }
    Map<Pipeline, String> pipelines = pipelines();
    for (String pipeline : pipelines.values()) {
      // arn:aws:states:R:A:stateMachine:M -> arn:aws:states:R:A:execution:M:NAME
      String arn = pipeline.replace(":stateMachine:", ":execution:") + ":" + name;
      try {
        return aws.sfn().describeExecution(r -> r.executionArn(arn));
      } catch (ExecutionDoesNotExistException e) {
        // not in this pipeline
      }
    }
    throw new LocalException(
        "no execution named "
            + name
            + " in the "
            + String.join(", ", pipelines.keySet().stream().map(Pipeline::word).toList())
            + " pipeline"
            + (pipelines.size() > 1 ? "s" : "")
            + ": see scripts/local list --target aws "
            + options());
  }

  /**
   * The pipelines in reach: the explicit {@code --pipeline} (of any kind), else the stack's three.
   */
  Map<Pipeline, String> pipelines() {
    Map<Pipeline, String> pipelines = new LinkedHashMap<>();
    if (target.pipeline().isPresent()) {
      pipelines.put(Pipeline.TRAINING, target.pipeline().get());
      return pipelines;
    }
    for (Pipeline p : Pipeline.values()) {
      pipelines.put(p, p.arn(stack("--pipeline")));
    }
    return pipelines;
  }

  String pipeline(Pipeline kind) {
    return target.pipeline().orElseGet(() -> kind.arn(stack("--pipeline")));
  }

  StackOutputs stack(String alternative) {
    if (stack == null) {
      String student =
          target
              .student()
              .orElseThrow(
                  () ->
                      new LocalException(
                          "which classroom stack? pass --student ID (your id in the class list;"
                              + " your stack is Classroom-ID) or "
                              + alternative));
      stack = StackOutputs.of(aws.cloudFormation(), student, aws.region().id());
    }
    return stack;
  }

  LocalException unknownPipeline(String arn, Pipeline kind) {
    return new LocalException(
        "there is no pipeline "
            + arn
            + " in "
            + aws.region()
            + ": "
            + (target.pipeline().isPresent()
                ? "check --pipeline (the stack output "
                    + outputName(kind)
                    + ") and --region, or pass --student ID instead"
                : "the stack's output is stale; ask your platform engineer to deploy it again (scripts/deploy)"));
  }

  static String outputName(Pipeline kind) {
    return switch (kind) {
      case TRAINING -> StackOutputs.TRAINING;
      case TUNING -> StackOutputs.TUNING;
      case TRANSFORM -> StackOutputs.TRANSFORM;
    };
  }

  String options() {
    List<String> options = new ArrayList<>();
    target.student().ifPresent(s -> options.add("--student " + s));
    target.pipeline().ifPresent(p -> options.add("--pipeline " + p));
    options.add("--region " + aws.region());
    return String.join(" ", options);
  }

  /** A Step Functions state machine ARN, checked before any call. */
  static String checkArn(String arn) {
    if (!arn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[A-Za-z0-9_-]+")) {
      throw new LocalException(
          "--pipeline "
              + arn
              + " is not a Step Functions state machine ARN; use the stack output"
              + " TrainingPipelineArn, TuningPipelineArn or TransformPipelineArn"
              + " (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME), or --student ID");
    }
    return arn;
  }
}
