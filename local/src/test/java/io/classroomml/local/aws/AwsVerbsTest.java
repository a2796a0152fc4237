package io.classroomml.local.aws;

import static io.classroomml.local.aws.Answers.JOB;
import static io.classroomml.local.aws.Answers.MODEL;
import static io.classroomml.local.aws.Answers.STUDENT;
import static io.classroomml.local.aws.Answers.TRAINING;
import static io.classroomml.local.aws.Answers.TRANSFORM;
import static io.classroomml.local.aws.Answers.TUNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.local.LocalException;
import io.classroomml.local.LocalMain;
import io.classroomml.testing.aws.AwsModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The verbs against a scripted AWS at the SDK's HTTP layer ({@link FakeAws}): what they print, the
 * requests they send in which order, and every request and answer checked against AWS's vendored
 * service models.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwsVerbsTest {

  private final FakeAws aws = new FakeAws();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private AwsVerbs verbs(AwsVerbs.Target target) {
    AwsSession session =
        new AwsSession(
            Region.EU_WEST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            new AwsSession.Wiring(aws, Optional.empty(), AwsSession.DEFAULT_PART_SIZE));
    return new AwsVerbs(session, target, out, Duration.ZERO);
  }

  private AwsVerbs student() {
    return verbs(new AwsVerbs.Target(Optional.of(STUDENT), Optional.empty(), Optional.empty()));
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @AfterEach
  void everyRequestAndAnswerFitsAwssModels() {
    assertThat(aws.findings()).isEmpty();
  }

  @Test
  void train_findsTheStack_startsItsPipeline_andFollowsItToTheModel() {
    aws.on("DescribeStacks", Answers.stack("UPDATE_COMPLETE"))
        .on("StartExecution", Answers.started(TRAINING, "first"))
        .on(
            "DescribeExecution",
            Answers.described(TRAINING, "first", "RUNNING", ""),
            Answers.described(TRAINING, "first", "RUNNING", ""),
            Answers.described(
                TRAINING,
                "first",
                "SUCCEEDED",
                "\"output\":"
                    + Answers.quoted(
                        "{\"training\":{\"TrainingJobName\":\""
                            + JOB
                            + "\",\"ModelArtifacts\":\""
                            + MODEL
                            + "\"}}")))
        .on("GetExecutionHistory", Answers.trainingHistory())
        .on(
            "DescribeTrainingJob",
            Answers.trainingJob("InProgress", "Training", ""),
            Answers.trainingJob("InProgress", "Training", ""),
            Answers.trainingJob(
                "Completed",
                "Completed",
                ",\"TrainingTimeInSeconds\":120,\"FinalMetricDataList\":"
                    + "[{\"MetricName\":\"validation:accuracy\",\"Value\":0.81,\"Timestamp\":"
                    + Answers.T0
                    + "}]"))
        .on("DescribeLogStreams", Answers.streams(JOB))
        .on(
            "GetLogEvents",
            Answers.events("f/1", "epoch 1/3", "metrics: epoch=1 validation_accuracy=0.71"),
            Answers.events("f/1"),
            Answers.events("f/2", "metrics: epoch=2 validation_accuracy=0.81"),
            Answers.events("f/2"));
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("epochs", "3");

    int exit = student().train(Optional.of("first"), hp, Map.of());

    assertThat(exit).isZero();
    assertThat(printed())
        .contains("started execution first of the training pipeline")
        .contains("execution first: RUNNING")
        .contains("  step Train")
        .contains("  training job " + JOB)
        .contains("training job " + JOB + ": Starting (Launching requested ML instances)")
        .contains("[" + JOB + "] epoch 1/3")
        .contains("[" + JOB + "] metric validation:accuracy = 0.7100")
        .contains("[" + JOB + "] metric validation:accuracy = 0.8100")
        .contains("execution first: SUCCEEDED")
        .contains("training job " + JOB + ": Completed (Completed) in 120 s")
        .contains("  validation:accuracy = 0.8100")
        .contains("  model: " + MODEL);
    assertThat(aws.operations())
        .startsWith("DescribeStacks", "StartExecution", "DescribeExecution");
    assertThat(aws.bodies("DescribeStacks").get(0).path("StackName").asText())
        .isEqualTo("Classroom-s01");
    assertThat(aws.bodies("StartExecution").get(0).path("stateMachineArn").asText())
        .isEqualTo(TRAINING);
    assertThat(aws.bodies("StartExecution").get(0).path("input").asText())
        .isEqualTo("{\"hyperparameters\":{\"epochs\":\"3\"}}");
    assertThat(aws.bodies("DescribeLogStreams").get(0).path("logGroupName").asText())
        .isEqualTo("/aws/sagemaker/TrainingJobs");
    assertThat(aws.bodies("DescribeLogStreams").get(0).path("logStreamNamePrefix").asText())
        .isEqualTo(JOB + "/");
    // Each log line once: read on from the last forward token.
    assertThat(printed().split("epoch 1/3", -1)).hasSize(2);
  }

  @Test
  void aPipelineThatFindsNoData_namesThePrefixAndTheUploadCommand() {
    aws.on("StartExecution", Answers.started(TRAINING, "nodata"))
        .on(
            "DescribeExecution",
            Answers.described(
                TRAINING,
                "nodata",
                "FAILED",
                "\"error\":\"NoTrainingData\",\"cause\":\"nothing under s3://"
                    + Answers.DATA_BUCKET
                    + "/train/: upload the training set there (docs/data-formats.md)\""))
        .on("GetExecutionHistory", Answers.history(Answers.entered(2, "FindTrainingData")));

    int exit =
        verbs(new AwsVerbs.Target(Optional.empty(), Optional.of(TRAINING), Optional.empty()))
            .train(Optional.of("nodata"), Map.of(), Map.of());

    assertThat(exit).isEqualTo(LocalMain.EXIT_JOB_FAILED);
    assertThat(printed())
        .contains(
            "execution nodata: FAILED (NoTrainingData: nothing under s3://"
                + Answers.DATA_BUCKET
                + "/train/")
        .contains("before SageMaker started a job")
        .contains("fix: upload the training set first: scripts/local upload");
    assertThat(aws.bodies("StartExecution").get(0).path("input").asText()).isEqualTo("{}");
  }

  @Test
  void aRunOverTheConcurrencyLimit_saysHowToSeeAndStopTheRunningOne() {
    aws.on("StartExecution", Answers.started(TRAINING, "second"))
        .on(
            "DescribeExecution",
            Answers.described(
                TRAINING,
                "second",
                "FAILED",
                "\"error\":\"TooManyRunning\",\"cause\":\"at most 1 training run at once per"
                    + " student (maxConcurrentJobs)\""))
        .on("GetExecutionHistory", Answers.history(Answers.entered(2, "CountRunning")));

    int exit =
        verbs(new AwsVerbs.Target(Optional.empty(), Optional.of(TRAINING), Optional.empty()))
            .train(Optional.of("second"), Map.of(), Map.of());

    assertThat(exit).isEqualTo(LocalMain.EXIT_JOB_FAILED);
    assertThat(printed())
        .contains("execution second: FAILED (TooManyRunning: at most 1 training run at once")
        .contains("fix: see what runs with scripts/local list --target aws")
        .contains("scripts/local stop --target aws NAME");
  }

  @Test
  void aFailedTrainingJob_printsSageMakersFailureReason() {
    String failure = "ClientError: train channel: data_batch_1.bin is missing";
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .on("StartExecution", Answers.started(TRAINING, "broken"))
        .on(
            "DescribeExecution",
            Answers.described(
                TRAINING,
                "broken",
                "FAILED",
                "\"error\":\"SageMaker.AmazonSageMakerException\",\"cause\":"
                    + Answers.quoted("{\"FailureReason\":\"" + failure + "\"}")))
        .on("GetExecutionHistory", Answers.trainingHistory())
        .on(
            "DescribeTrainingJob",
            Answers.trainingJob("Failed", "Failed", ",\"FailureReason\":\"" + failure + "\""))
        .on("DescribeLogStreams", "{\"logStreams\":[]}");

    int exit = student().train(Optional.of("broken"), Map.of(), Map.of());

    assertThat(exit).isEqualTo(LocalMain.EXIT_JOB_FAILED);
    assertThat(printed())
        .contains("training job " + JOB + ": Failed (Failed)")
        .contains("  FailureReason: " + failure)
        .contains("execution broken: FAILED (SageMaker.AmazonSageMakerException: " + failure + ")");
  }

  @Test
  void aJobSageMakerRefusedToCreate_isReportedWithoutAskingSageMakerForIt() {
    aws.on("StartExecution", Answers.started(TRAINING, "quota"))
        .on(
            "DescribeExecution",
            Answers.described(
                TRAINING,
                "quota",
                "FAILED",
                "\"error\":\"SageMaker.ResourceLimitExceededException\",\"cause\":"
                    + "\"The account-level service limit for ml.g4dn.xlarge is 0 Instances\""))
        .on(
            "GetExecutionHistory",
            Answers.history(
                Answers.scheduled(
                    4, "createTrainingJob.sync", "{\"TrainingJobName\":\"" + JOB + "\"}")));

    int exit =
        verbs(new AwsVerbs.Target(Optional.empty(), Optional.of(TRAINING), Optional.empty()))
            .train(Optional.of("quota"), Map.of(), Map.of());

    assertThat(exit).isEqualTo(LocalMain.EXIT_JOB_FAILED);
    assertThat(printed())
        .contains(
            "execution quota: FAILED (SageMaker.ResourceLimitExceededException: The account-level")
        .contains("before SageMaker started a job");
    assertThat(aws.operations()).doesNotContain("DescribeTrainingJob", "DescribeLogStreams");
  }

  @Test
  void aStudentWithoutAStack_isToldWhichStackWasLookedForAndWhere() {
    aws.fail("DescribeStacks", 400, Answers.noStack("Classroom-zz"));

    assertThatThrownBy(
            () ->
                verbs(new AwsVerbs.Target(Optional.of("zz"), Optional.empty(), Optional.empty()))
                    .tune(Optional.empty(), Map.of()))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("there is no stack Classroom-zz in eu-west-1")
        .hasMessageContaining("check --student zz")
        .hasMessageContaining("--region");
  }

  @Test
  void aStackThatFailedToDeploy_isNotUsed() {
    aws.on("DescribeStacks", Answers.stack("ROLLBACK_COMPLETE"));

    assertThatThrownBy(() -> student().list())
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("stack Classroom-s01 is ROLLBACK_COMPLETE")
        .hasMessageContaining("scripts/deploy");
  }

  @Test
  void aStackWithoutAnOutput_saysToDeployItAgain() {
    String old =
        Answers.stack("UPDATE_COMPLETE")
            .replaceAll("<member><OutputKey>TransformPipelineArn</OutputKey>.*?</member>", "");
    aws.on("DescribeStacks", old);

    assertThatThrownBy(() -> student().list())
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("stack Classroom-s01 has no output TransformPipelineArn")
        .hasMessageContaining("scripts/deploy");
  }

  @Test
  void anUnknownPipeline_isNamedWithTheStackOutputToUse() {
    String gone = Answers.arn("stateMachine:Gone");
    aws.fail(
        "StartExecution",
        400,
        Answers.error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + gone + "'"));

    assertThatThrownBy(
            () ->
                verbs(new AwsVerbs.Target(Optional.empty(), Optional.of(gone), Optional.empty()))
                    .tune(Optional.of("t1"), Map.of()))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("there is no pipeline " + gone + " in eu-west-1")
        .hasMessageContaining("TuningPipelineArn");
  }

  @Test
  void somethingThatIsNoStateMachineArn_isRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> StackTarget.checkArn("my-training-pipeline"))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining(
            "--pipeline my-training-pipeline is not a Step Functions state machine ARN")
        .hasMessageContaining("--student ID");
    assertThat(aws.calls()).isEmpty();
  }

  @Test
  void aNameAlreadyUsed_asksForAnother() {
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .fail(
            "StartExecution",
            400,
            Answers.error("ExecutionAlreadyExists", "Execution Already Exists"));

    assertThatThrownBy(() -> student().train(Optional.of("first"), Map.of(), Map.of()))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("already has an execution named first")
        .hasMessageContaining("--name");
  }

  @Test
  void list_showsTheExecutionsOfTheThreePipelines() {
    String item =
        "{\"executions\":[{\"executionArn\":\"%s\",\"stateMachineArn\":\"%s\",\"name\":\"%s\","
            + "\"status\":\"SUCCEEDED\",\"startDate\":"
            + Answers.T0
            + "}]}";
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .on(
            "ListExecutions",
            item.formatted(Answers.execution(TRAINING, "first"), TRAINING, "first"),
            item.formatted(Answers.execution(TUNING, "search"), TUNING, "search"),
            "{\"executions\":[]}");

    assertThat(student().list()).isZero();

    assertThat(printed())
        .contains("training executions (" + TRAINING + "):")
        .containsPattern("  first +SUCCEEDED +2026-")
        .contains("tuning executions (" + TUNING + "):")
        .contains("search")
        .contains("transform executions (" + TRANSFORM + "):");
    assertThat(aws.bodies("ListExecutions").stream().map(b -> b.path("stateMachineArn").asText()))
        .containsExactly(TRAINING, TUNING, TRANSFORM);
  }

  @Test
  void stop_findsTheExecutionByNameInWhicheverPipelineHasIt() {
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .fail(
            "DescribeExecution",
            400,
            Answers.error("ExecutionDoesNotExist", "Execution Does Not Exist"))
        .on("DescribeExecution", Answers.described(TUNING, "search", "RUNNING", ""))
        .on(
            "GetExecutionHistory",
            Answers.history(
                Answers.scheduled(
                    4,
                    "createHyperParameterTuningJob.sync",
                    "{\"HyperParameterTuningJobName\":\"s01--tune-0123456789ab\"}"),
                Answers.submitted(5, "createHyperParameterTuningJob.sync")))
        .on("StopExecution", "{\"stopDate\":" + (Answers.T0 + 100) + "}");

    assertThat(student().stop("search")).isZero();

    assertThat(aws.bodies("DescribeExecution").stream().map(b -> b.path("executionArn").asText()))
        .containsExactly(
            Answers.execution(TRAINING, "search"), Answers.execution(TUNING, "search"));
    assertThat(aws.bodies("StopExecution").get(0).path("executionArn").asText())
        .isEqualTo(Answers.execution(TUNING, "search"));
    assertThat(printed())
        .contains(
            "stopped execution search; Step Functions stops tuning job s01--tune-0123456789ab");
  }

  @Test
  void anUnknownExecution_isNamedWithTheListCommand() {
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .fail(
            "DescribeExecution",
            400,
            Answers.error("ExecutionDoesNotExist", "Execution Does Not Exist"));

    assertThatThrownBy(() -> student().stop("nothing"))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining(
            "no execution named nothing in the training, tuning, transform pipelines")
        .hasMessageContaining("scripts/local list --target aws --student s01");
  }

  @Test
  void logs_ofAnExecution_readsItsTrainingJobsStreams() {
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .on("DescribeExecution", Answers.described(TRAINING, "first", "SUCCEEDED", ""))
        .on("GetExecutionHistory", Answers.trainingHistory())
        .on("DescribeLogStreams", Answers.streams(JOB))
        .on("GetLogEvents", Answers.events("f/1", "epoch 1/3"), Answers.events("f/1"));

    assertThat(student().logs("first")).isZero();

    assertThat(printed()).contains("[" + JOB + "] epoch 1/3");
    assertThat(aws.bodies("GetLogEvents").get(0).path("logStreamName").asText())
        .isEqualTo(JOB + "/algo-1-1780000000");
    assertThat(aws.bodies("GetLogEvents").get(0).path("startFromHead").asBoolean()).isTrue();
  }

  @Test
  void describe_aTrainingJobByName_printsItsStatusMetricsAndModel() throws Exception {
    aws.on(
        "DescribeTrainingJob",
        Answers.trainingJob(
            "Completed",
            "Completed",
            ",\"FinalMetricDataList\":[{\"MetricName\":\"validation:accuracy\",\"Value\":0.81}]"));

    assertThat(student().describe(JOB)).isZero();

    var json = AwsModels.JSON.readTree(printed());
    assertThat(json.path("TrainingJob").path("TrainingJobStatus").asText()).isEqualTo("Completed");
    assertThat(
            json.path("TrainingJob")
                .path("FinalMetricDataList")
                .path("validation:accuracy")
                .asDouble())
        .isEqualTo(0.81, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(json.path("TrainingJob").path("ModelArtifacts").asText()).isEqualTo(MODEL);
    assertThat(aws.operations()).containsExactly("DescribeTrainingJob");
  }

  @Test
  void describe_aTuningJobByName_printsItsTrialsAndBest() throws Exception {
    String tuning = "s01--tune-0123456789ab";
    aws.on(
        "DescribeHyperParameterTuningJob",
        """
        {"HyperParameterTuningJobName":"%s",
         "HyperParameterTuningJobArn":"arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/%s",
         "HyperParameterTuningJobConfig":{"Strategy":"Random",
           "ResourceLimits":{"MaxNumberOfTrainingJobs":4,"MaxParallelTrainingJobs":2}},
         "HyperParameterTuningJobStatus":"Completed","CreationTime":%s,
         "TrainingJobStatusCounters":{"Completed":4},
         "ObjectiveStatusCounters":{"Succeeded":4},
         "BestTrainingJob":{"TrainingJobName":"%s-002-0a1b2c3d",
           "TrainingJobArn":"arn:aws:sagemaker:eu-west-1:123456789012:training-job/%s-002-0a1b2c3d",
           "CreationTime":%s,"TrainingJobStatus":"Completed",
           "TunedHyperParameters":{"learning_rate":"0.01"},
           "FinalHyperParameterTuningJobObjectiveMetric":{"MetricName":"validation:accuracy","Value":0.84}}}"""
            .formatted(tuning, tuning, Answers.T0, tuning, tuning, Answers.T0));

    assertThat(student().describe(tuning)).isZero();

    var json = AwsModels.JSON.readTree(printed()).path("HyperParameterTuningJob");
    assertThat(json.path("HyperParameterTuningJobStatus").asText()).isEqualTo("Completed");
    assertThat(json.path("TrainingJobStatusCounters").path("Completed").asInt()).isEqualTo(4);
    assertThat(json.path("BestTrainingJob").path("TrainingJobName").asText())
        .isEqualTo(tuning + "-002-0a1b2c3d");
  }

  @Test
  void deploy_saysTheStackOwnsTheEndpoint_andWhichModelKeyToSet() {
    aws.on("DescribeTrainingJob", Answers.trainingJob("Completed", "Completed", ""));

    assertThatThrownBy(() -> student().deploy("mine", JOB))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("students cannot create endpoints on AWS")
        .hasMessageContaining("\"modelKey\": \"training/" + JOB + "/output/model.tar.gz\"")
        .hasMessageContaining("scripts/local invoke --endpoint s01--endpoint --region eu-west-1");
  }

  @Test
  void transform_startsThePipelineWithTheModelsKey() {
    String transformJob = "s01--transform-0123456789ab";
    aws.on("DescribeTrainingJob", Answers.trainingJob("Completed", "Completed", ""))
        .on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .on("StartExecution", Answers.started(TRANSFORM, "batch1"))
        .on("DescribeExecution", Answers.described(TRANSFORM, "batch1", "SUCCEEDED", ""))
        .on(
            "GetExecutionHistory",
            Answers.history(
                Answers.scheduled(
                    3,
                    "createTransformJob.sync",
                    "{\"TransformJobName\":\""
                        + transformJob
                        + "\",\"TransformOutput\":{\"S3OutputPath\":\"s3://"
                        + Answers.ARTIFACTS_BUCKET
                        + "/batch/output/"
                        + transformJob
                        + "/\"}}"),
                Answers.submitted(4, "createTransformJob.sync")))
        .on("DescribeLogStreams", "{\"logStreams\":[]}");

    assertThat(student().transform(Optional.of("batch1"), JOB, null)).isZero();

    assertThat(aws.bodies("StartExecution").get(0).path("input").asText())
        .isEqualTo("{\"modelKey\":\"training/" + JOB + "/output/model.tar.gz\"}");
    assertThat(printed())
        .contains("transform job " + transformJob + ": SUCCEEDED")
        .contains(
            "output: s3://" + Answers.ARTIFACTS_BUCKET + "/batch/output/" + transformJob + "/");
  }

  @Test
  void refusedCredentials_sayWhichRoleToUse() {
    aws.fail(
        "DescribeStacks",
        403,
        """
        <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
        <Message>User is not authorized to perform: cloudformation:DescribeStacks</Message></Error>
        <RequestId>3</RequestId></ErrorResponse>""");

    assertThatThrownBy(() -> student().list())
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("refused the request (AccessDenied")
        .hasMessageContaining("--profile");
  }
}
