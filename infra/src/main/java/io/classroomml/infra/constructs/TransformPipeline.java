package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.TransformSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
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
   * @param props what this construct is built from
   */
  public TransformPipeline(Construct scope, String id, TransformPipelineProps props) {
    super(scope, id);
    String studentId = props.studentId();
    String inferenceImage = props.inferenceImage();
    IBucket data = props.data();
    IBucket artifacts = props.artifacts();
    IRole executionRole = props.executionRole();
    TransformSettings settings = props.settings();
    List<String> allowedInstanceTypes = props.allowedInstanceTypes();
    int maxConcurrentJobs = props.maxConcurrentJobs();
    ConcurrencyGate gate = new ConcurrencyGate(this, "Gate", maxConcurrentJobs, "batch transform");
    String jobPrefix = Names.transformJobPrefix(studentId);
    String modelPrefix = Names.batchModelPrefix(studentId);

    Pass name =
        Pass.Builder.create(this, "NameJob")
            .parameters(
                Ordered.map(
                    "jobName.$",
                    Names.uniqueName(jobPrefix),
                    "modelName.$",
                    Names.uniqueName(modelPrefix),
                    "modelKey.$",
                    "$.modelKey"))
            .build();

    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Image", inferenceImage);
    container.put(
        "ModelDataUrl.$", "States.Format('s3://" + artifacts.getBucketName() + "/{}', $.modelKey)");
    Map<String, Object> modelRequest = new LinkedHashMap<>();
    modelRequest.put("ModelName.$", "$.modelName");
    modelRequest.put("ExecutionRoleArn", executionRole.getRoleArn());
    modelRequest.put("PrimaryContainer", container);
    modelRequest.put("EnableNetworkIsolation", true);
    modelRequest.put("Tags", TrainingJobRequest.tags(studentId));
    CustomState createModel = sdkCall("CreateModel", "createModel", modelRequest);

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("TransformJobName.$", "$.jobName");
    parameters.put("ModelName.$", "$.modelName");
    parameters.put(
        "TransformInput",
        Ordered.map(
            "DataSource",
            Ordered.map(
                "S3DataSource",
                Ordered.map(
                    "S3DataType",
                    "S3Prefix",
                    "S3Uri",
                    "s3://" + data.getBucketName() + "/" + INPUT_PREFIX)),
            "SplitType",
            "None"));
    parameters.put(
        "TransformOutput",
        Ordered.map(
            "S3OutputPath.$",
            "States.Format('s3://"
                + artifacts.getBucketName()
                + "/"
                + OUTPUT_PREFIX
                + "{}/', $.jobName)"));
    parameters.put(
        "TransformResources",
        Ordered.map(
            "InstanceType", settings.instanceType(), "InstanceCount", settings.instanceCount()));
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

    CustomState deleteModel =
        sdkCall("DeleteModel", "deleteModel", Ordered.map("ModelName.$", "$.modelName"));
    CustomState deleteAfterFailure =
        sdkCall(
            "DeleteModelAfterFailure", "deleteModel", Ordered.map("ModelName.$", "$.modelName"));
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
            gate.then(name),
            Duration.seconds(settings.maxRuntimeSeconds() + 1800),
            "Batch transform pipeline of " + studentId);
    gate.grantTo(stateMachine);
    // The model: created only tagged as this student's and network isolated, deleted only when
    // it carries the tag; handed the execution role, and tagged on create.
    String models = Pipelines.sageMakerArn("model", modelPrefix);
    Map<String, Object> createConditions = new LinkedHashMap<>();
    createConditions.put(
        "StringEquals", Ordered.map("aws:RequestTag/" + Names.STUDENT_TAG, studentId));
    createConditions.put("Bool", Ordered.map("sagemaker:NetworkIsolation", "true"));
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sagemaker:CreateModel"))
            .resources(List.of(models))
            .conditions(createConditions)
            .build());
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sagemaker:AddTags"))
            .resources(List.of(models))
            .build());
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sagemaker:DeleteModel"))
            .resources(List.of(models))
            .conditions(Pipelines.ownResource(studentId))
            .build());
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

  /**
   * A Task calling SageMaker's {@code action} with {@code parameters}; its result goes to {@code
   * $.sdk.<id>}, beside the input the later states read (a custom state cannot say "discard").
   */
  private CustomState sdkCall(String id, String action, Map<String, Object> parameters) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Type", "Task");
    state.put("Resource", "arn:" + Aws.PARTITION + ":states:::aws-sdk:sagemaker:" + action);
    state.put("Parameters", parameters);
    state.put("ResultPath", "$.sdk." + id);
    return CustomState.Builder.create(this, id).stateJson(state).build();
  }

  /** The state machine students start. */
  public StateMachine stateMachine() {
    return stateMachine;
  }
}
