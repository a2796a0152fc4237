package io.classroomml.local.aws;

import io.classroomml.contract.StudentNames;
import io.classroomml.local.LocalException;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * What a student's stack ({@code Classroom-<id>}) exports as CloudFormation outputs: the buckets
 * and the three pipelines' ARNs, read with DescribeStacks so a student needs only their id.
 */
public record StackOutputs(
    String stackName,
    String dataBucket,
    String artifactsBucket,
    String trainingPipeline,
    String tuningPipeline,
    String transformPipeline) {

  /** The output names the student stack declares (contract's {@link StudentNames}). */
  static final String DATA_BUCKET = StudentNames.OUTPUT_DATA_BUCKET;

  static final String ARTIFACTS_BUCKET = StudentNames.OUTPUT_ARTIFACTS_BUCKET;
  static final String TRAINING = StudentNames.OUTPUT_TRAINING_PIPELINE;
  static final String TUNING = StudentNames.OUTPUT_TUNING_PIPELINE;
  static final String TRANSFORM = StudentNames.OUTPUT_TRANSFORM_PIPELINE;

  /** The outputs of student {@code id}'s stack in the client's region. */
  static StackOutputs of(CloudFormationClient cloudFormation, String id, String region) {
    String name = StudentNames.stack(id);
    Stack stack;
    try {
      stack = cloudFormation.describeStacks(r -> r.stackName(name)).stacks().get(0);
    } catch (CloudFormationException e) {
      if (e.awsErrorDetails() != null
          && "ValidationError".equals(e.awsErrorDetails().errorCode())
          && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
        throw new LocalException(
            "there is no stack "
                + name
                + " in "
                + region
                + ": check --student "
                + id
                + " (your id in the class list) and --region (the classroom's region); your"
                + " platform engineer deploys it with scripts/deploy");
      }
      throw e;
    }
    String status = stack.stackStatusAsString();
    if (status == null
        || status.startsWith("CREATE_") && !status.equals("CREATE_COMPLETE")
        || status.startsWith("ROLLBACK_")
        || status.startsWith("DELETE_")) {
      throw new LocalException(
          "stack "
              + name
              + " is "
              + status
              + ", not ready to use: ask your platform engineer to deploy it again"
              + " (scripts/deploy)");
    }
    Map<String, String> outputs =
        stack.outputs().stream()
            .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a));
    return new StackOutputs(
        name,
        output(outputs, name, DATA_BUCKET),
        output(outputs, name, ARTIFACTS_BUCKET),
        output(outputs, name, TRAINING),
        output(outputs, name, TUNING),
        output(outputs, name, TRANSFORM));
  }

  private static String output(Map<String, String> outputs, String stack, String key) {
    String value = outputs.get(key);
    if (value == null || value.isBlank()) {
      throw new LocalException(
          "stack "
              + stack
              + " has no output "
              + key
              + " (it was deployed by an older classroom-ml): ask your platform engineer to"
              + " deploy it again with scripts/deploy, or pass the value yourself");
    }
    return value;
  }
}
