package io.classroomml.infra.aws;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS API a Task state's {@code Resource} calls: an optimized integration ({@code
 * arn:aws:states:::sagemaker:createTrainingJob.sync}) or an AWS SDK integration ({@code
 * arn:aws:states:::aws-sdk:s3:putObject}), mapped onto a botocore service and operation. A {@code
 * .sync} job integration returns the job's Describe output, which is what ResultSelector sees.
 *
 * @param service botocore service name
 * @param operation the operation as written (camelCase)
 * @param pattern empty, {@code sync}, {@code sync:2} or {@code waitForTaskToken}
 * @param sdk whether this is an {@code aws-sdk:} integration
 */
record Integration(String service, String operation, String pattern, boolean sdk) {

  private static final Pattern ARN =
      Pattern.compile(
          "arn:[a-z-]+:states:::(aws-sdk:)?([a-z0-9-]+):([A-Za-z0-9]+)(?:\\.([a-zA-Z:0-9]+))?");

  /** SDK client names (and optimized integration names) whose botocore name differs. */
  private static final Map<String, String> BOTOCORE_NAMES =
      Map.of(
          "sfn", "stepfunctions",
          "states", "stepfunctions",
          "cloudwatchlogs", "logs",
          "eventbridge", "events",
          "sagemakerruntime", "sagemaker-runtime",
          "servicequotas", "service-quotas",
          "applicationautoscaling", "application-autoscaling");

  static Optional<Integration> parse(String resource) {
    Matcher m = ARN.matcher(resource);
    if (!m.matches()) {
      return Optional.empty();
    }
    String service = BOTOCORE_NAMES.getOrDefault(m.group(2), m.group(2));
    return Optional.of(
        new Integration(
            service, m.group(3), m.group(4) == null ? "" : m.group(4), m.group(1) != null));
  }

  /** The operation whose output the state's result has ({@code createX.sync} gives DescribeX's). */
  String resultOperation() {
    if (pattern.startsWith("sync") && operation.startsWith("create")) {
      return "describe" + operation.substring("create".length());
    }
    return operation;
  }

  /**
   * Whether the optimized integration takes a JSON value where the API takes a string or blob
   * (Lambda's Payload, Step Functions' Input, SNS/SQS Message): those members are not checked.
   */
  boolean acceptsJson(String member) {
    return !sdk
        && switch (service + ":" + member) {
          case "lambda:Payload", "stepfunctions:Input", "sns:Message", "sqs:MessageBody" -> true;
          default -> false;
        };
  }
}
