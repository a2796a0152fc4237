package io.classroomml.local.aws;

import io.classroomml.testing.aws.AwsModels;

/**
 * AWS's answers for the tests, shaped as the APIs document them (FakeAws checks each JSON answer
 * against the operation's output shape): a student stack's outputs, executions, their histories, a
 * training job, log events.
 */
public final class Answers {

  public static final String REGION = "eu-west-1";
  public static final String ACCOUNT = "123456789012";
  public static final String STUDENT = "s01";
  public static final String TRAINING = arn("stateMachine:TrainingStateMachine1A2B3C");
  public static final String TUNING = arn("stateMachine:TuningStateMachine4D5E6F");
  public static final String TRANSFORM = arn("stateMachine:BatchTransformStateMachine7G8H");
  public static final String DATA_BUCKET = "classroom-s01-data-abc123";
  public static final String ARTIFACTS_BUCKET = "classroom-s01-artifacts-abc123";
  public static final String JOB = "s01--train-0123456789ab";
  public static final String MODEL =
      "s3://" + ARTIFACTS_BUCKET + "/training/" + JOB + "/output/model.tar.gz";
  public static final double T0 = 1.7800000e9;

  private Answers() {}

  public static String arn(String resource) {
    return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":" + resource;
  }

  /** The execution ARN of {@code name} in {@code pipeline}. */
  public static String execution(String pipeline, String name) {
    return pipeline.replace(":stateMachine:", ":execution:") + ":" + name;
  }

  /** DescribeStacks (query protocol, XML) of Classroom-s01 with all its outputs. */
  public static String stack(String status) {
    return """
        <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
          <DescribeStacksResult><Stacks><member>
            <StackName>Classroom-s01</StackName>
            <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/Classroom-s01/1</StackId>
            <CreationTime>2026-11-01T08:00:00Z</CreationTime>
            <StackStatus>%s</StackStatus>
            <Outputs>
              <member><OutputKey>DataBucket</OutputKey><OutputValue>%s</OutputValue></member>
              <member><OutputKey>ArtifactsBucket</OutputKey><OutputValue>%s</OutputValue></member>
              <member><OutputKey>TrainingPipelineArn</OutputKey><OutputValue>%s</OutputValue></member>
              <member><OutputKey>TuningPipelineArn</OutputKey><OutputValue>%s</OutputValue></member>
              <member><OutputKey>TransformPipelineArn</OutputKey><OutputValue>%s</OutputValue></member>
            </Outputs>
          </member></Stacks></DescribeStacksResult>
          <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
        </DescribeStacksResponse>"""
        .formatted(status, DATA_BUCKET, ARTIFACTS_BUCKET, TRAINING, TUNING, TRANSFORM);
  }

  /** CloudFormation's answer for a stack that is not there. */
  public static String noStack(String name) {
    return """
        <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
          <Error><Type>Sender</Type><Code>ValidationError</Code>
          <Message>Stack with id %s does not exist</Message></Error>
          <RequestId>2</RequestId>
        </ErrorResponse>"""
        .formatted(name);
  }

  /** A JSON protocol error: {@code __type} and message. */
  public static String error(String type, String message) {
    return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
  }

  public static String started(String pipeline, String name) {
    return "{\"executionArn\":\"" + execution(pipeline, name) + "\",\"startDate\":" + T0 + "}";
  }

  /** DescribeExecution; {@code extra} is more JSON members (output, error, cause), or empty. */
  public static String described(String pipeline, String name, String status, String extra) {
    return "{\"executionArn\":\""
        + execution(pipeline, name)
        + "\",\"stateMachineArn\":\""
        + pipeline
        + "\",\"name\":\""
        + name
        + "\",\"status\":\""
        + status
        + "\",\"startDate\":"
        + T0
        + ",\"input\":\"{}\""
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  /** A string as a JSON string literal (for output and cause, which are JSON inside JSON). */
  public static String quoted(String text) {
    try {
      return AwsModels.JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String entered(int id, String state) {
    return "{\"timestamp\":"
        + (T0 + id)
        + ",\"type\":\"TaskStateEntered\",\"id\":"
        + id
        + ",\"previousEventId\":"
        + (id - 1)
        + ",\"stateEnteredEventDetails\":{\"name\":\""
        + state
        + "\",\"input\":\"{}\"}}";
  }

  /** The TaskScheduled event of a SageMaker .sync task with its request. */
  public static String scheduled(int id, String resource, String parameters) {
    return "{\"timestamp\":"
        + (T0 + id)
        + ",\"type\":\"TaskScheduled\",\"id\":"
        + id
        + ",\"previousEventId\":"
        + (id - 1)
        + ",\"taskScheduledEventDetails\":{\"resourceType\":\"sagemaker\",\"resource\":\""
        + resource
        + "\",\"region\":\""
        + REGION
        + "\",\"parameters\":"
        + quoted(parameters)
        + "}}";
  }

  /** The TaskSubmitted event: SageMaker created the job. */
  public static String submitted(int id, String resource) {
    return "{\"timestamp\":"
        + (T0 + id)
        + ",\"type\":\"TaskSubmitted\",\"id\":"
        + id
        + ",\"previousEventId\":"
        + (id - 1)
        + ",\"taskSubmittedEventDetails\":{\"resourceType\":\"sagemaker\",\"resource\":\""
        + resource
        + "\",\"output\":\"{}\"}}";
  }

  public static String history(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  /** The training pipeline's history up to its training job. */
  public static String trainingHistory() {
    return history(
        "{\"timestamp\":"
            + T0
            + ",\"type\":\"ExecutionStarted\",\"id\":1,\"previousEventId\":0,"
            + "\"executionStartedEventDetails\":{\"input\":\"{}\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}}",
        entered(2, "FindTrainingData"),
        entered(3, "Train"),
        scheduled(
            4,
            "createTrainingJob.sync",
            "{\"TrainingJobName\":\"" + JOB + "\",\"HyperParameters\":{\"epochs\":\"3\"}}"),
        submitted(5, "createTrainingJob.sync"));
  }

  /** DescribeTrainingJob of {@link #JOB}. */
  public static String trainingJob(String status, String secondary, String extra) {
    return """
        {"TrainingJobName":"%s",
         "TrainingJobArn":"arn:aws:sagemaker:eu-west-1:123456789012:training-job/%s",
         "ModelArtifacts":{"S3ModelArtifacts":"%s"},
         "TrainingJobStatus":"%s","SecondaryStatus":"%s",
         "StoppingCondition":{"MaxRuntimeInSeconds":3600},
         "CreationTime":%s,
         "HyperParameters":{"epochs":"3"},
         "SecondaryStatusTransitions":[
           {"Status":"Starting","StartTime":%s,"StatusMessage":"Launching requested ML instances"},
           {"Status":"Training","StartTime":%s,"StatusMessage":"Training image download completed"}]
         %s}"""
        .formatted(JOB, JOB, MODEL, status, secondary, T0, T0, T0 + 60, extra);
  }

  public static String streams(String job) {
    return "{\"logStreams\":[{\"logStreamName\":\""
        + job
        + "/algo-1-1780000000\",\"creationTime\":1780000000000}]}";
  }

  /** GetLogEvents: these lines and then the forward token {@code token}. */
  public static String events(String token, String... lines) {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      events
          .append(i == 0 ? "" : ",")
          .append("{\"timestamp\":1780000001000,\"message\":")
          .append(quoted(lines[i]))
          .append(",\"ingestionTime\":1780000002000}");
    }
    return "{\"events\":["
        + events
        + "],\"nextForwardToken\":\""
        + token
        + "\",\"nextBackwardToken\":\"b/0\"}";
  }
}
