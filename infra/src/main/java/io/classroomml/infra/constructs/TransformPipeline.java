package io.classroomml.infra.constructs;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.TransformSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Batch transform of everything under {@code batch/input/} in the data bucket with a trained model:
 * creates a tagged model (network isolated), runs {@code createTransformJob.sync} (stopped at the
 * configured maximum runtime), writes to {@code batch/output/<job>/} in the artifact bucket, and
 * deletes the model again whether the job succeeded or not.
 *
 * <p>Input: {@code {"modelKey": "training/<job>/output/model.tar.gz"}} (a key in the artifact
 * bucket).
 */
public final class TransformPipeline extends Construct {

  /** Where the inputs are read from, in the data bucket. */
  public static final String INPUT_PREFIX = io.classroomml.contract.DataLayout.BATCH_INPUT_PREFIX;

  /** Where the outputs go, in the artifact bucket. */
  public static final String OUTPUT_PREFIX = "batch/output/";

  private final StateMachine stateMachine;

  /**
   * @param studentId the student
   * @param inferenceImage the inference image URI pinned by digest
   * @param data the data bucket (inputs)
   * @param artifacts the artifact bucket (model, outputs)
   * @param executionRole the role SageMaker runs as
   * @param settings instance type, count and time cap
   * @param allowedInstanceTypes instance types IAM lets this pipeline request
   */
  public TransformPipeline(
      Construct scope,
      String id,
      String studentId,
      String inferenceImage,
      IBucket data,
      IBucket artifacts,
      IRole executionRole,
      TransformSettings settings,
      List<String> allowedInstanceTypes) {
    super(scope, id);
    String jobPrefix = Names.transformJobPrefix(studentId);
    String modelPrefix = Names.batchModelPrefix(studentId);

    Pass name =
        Pass.Builder.create(this, "NameJob")
            .parameters(
                Map.of(
                    "jobName.$",
                    "States.Format('" + jobPrefix + "-{}', " + Names.UNIQUE_SUFFIX + ")",
                    "modelName.$",
                    "States.Format('" + modelPrefix + "-{}', " + Names.UNIQUE_SUFFIX + ")",
                    "modelKey.$",
                    "$.modelKey"))
            .build();

    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Image", inferenceImage);
    container.put(
        "ModelDataUrl",
        JsonPath.format(
            "s3://" + artifacts.getBucketName() + "/{}", JsonPath.stringAt("$.modelKey")));
    CallAwsService createModel =
        CallAwsService.Builder.create(this, "CreateModel")
            .service("sagemaker")
            .action("createModel")
            .parameters(
                Map.of(
                    "ModelName", JsonPath.stringAt("$.modelName"),
                    "ExecutionRoleArn", executionRole.getRoleArn(),
                    "PrimaryContainer", container,
                    "EnableNetworkIsolation", true,
                    "Tags", TrainingJobRequest.tags(studentId)))
            .iamResources(List.of(Pipelines.sageMakerArn("model", modelPrefix)))
            .additionalIamStatements(
                List.of(
                    Pipelines.passRole(executionRole),
                    PolicyStatement.Builder.create()
                        .actions(List.of("sagemaker:AddTags"))
                        .resources(List.of(Pipelines.sageMakerArn("model", modelPrefix)))
                        .build()))
            .resultPath(JsonPath.DISCARD)
            .build();

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("TransformJobName.$", "$.jobName");
    parameters.put("ModelName.$", "$.modelName");
    parameters.put(
        "TransformInput",
        Map.of(
            "DataSource",
            Map.of(
                "S3DataSource",
                Map.of(
                    "S3DataType",
                    "S3Prefix",
                    "S3Uri",
                    "s3://" + data.getBucketName() + "/" + INPUT_PREFIX)),
            "SplitType",
            "None"));
    parameters.put(
        "TransformOutput",
        Map.of(
            "S3OutputPath.$",
            "States.Format('s3://"
                + artifacts.getBucketName()
                + "/"
                + OUTPUT_PREFIX
                + "{}/', $.jobName)"));
    parameters.put(
        "TransformResources",
        Map.of("InstanceType", settings.instanceType(), "InstanceCount", settings.instanceCount()));
    parameters.put("Tags", TrainingJobRequest.tags(studentId));
    Map<String, Object> transform = new LinkedHashMap<>();
    transform.put("Type", "Task");
    transform.put("Resource", Pipelines.syncResource("createTransformJob"));
    transform.put("Parameters", parameters);
    // Step Functions stops the job when the task times out: this is the transform's time cap.
    transform.put("TimeoutSeconds", settings.maxRuntimeSeconds());
    transform.put("ResultPath", "$.transform");
    CustomState transformState =
        CustomState.Builder.create(this, "Transform").stateJson(transform).build();

    CallAwsService deleteModel = deleteModel("DeleteModel", modelPrefix);
    CallAwsService deleteAfterFailure = deleteModel("DeleteModelAfterFailure", modelPrefix);
    Fail failed =
        Fail.Builder.create(this, "TransformFailed")
            .error("TransformFailed")
            .causePath("$.error.Cause")
            .build();
    deleteAfterFailure.next(failed);
    transformState.addCatch(
        deleteAfterFailure,
        CatchProps.builder().errors(List.of("States.ALL")).resultPath("$.error").build());
    name.next(createModel).next(transformState).next(deleteModel);

    this.stateMachine =
        Pipelines.stateMachine(
            this,
            "StateMachine",
            name,
            Duration.seconds(settings.maxRuntimeSeconds() + 1800),
            "Batch transform pipeline of " + studentId);
    String jobs = Pipelines.sageMakerArn("transform-job", jobPrefix);
    Pipelines.grantSyncJob(
        stateMachine,
        studentId,
        jobs,
        "sagemaker:CreateTransformJob",
        Pipelines.createConditions(studentId, allowedInstanceTypes, false),
        List.of("sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob"),
        "StepFunctionsGetEventsForSageMakerTransformJobsRule",
        executionRole);
    Pipelines.acceptFindings(
        stateMachine,
        List.of(
            Nag.arn("sagemaker", "transform-job/" + Names.transformJobPrefix(studentId) + "-*"),
            Nag.arn("sagemaker", "model/" + modelPrefix + "-*")));
  }

  private CallAwsService deleteModel(String id, String modelPrefix) {
    return CallAwsService.Builder.create(this, id)
        .service("sagemaker")
        .action("deleteModel")
        .parameters(Map.of("ModelName", JsonPath.stringAt("$.modelName")))
        .iamResources(List.of(Pipelines.sageMakerArn("model", modelPrefix)))
        .resultPath(JsonPath.DISCARD)
        .build();
  }

  /** The state machine students start. */
  public StateMachine stateMachine() {
    return stateMachine;
  }
}
