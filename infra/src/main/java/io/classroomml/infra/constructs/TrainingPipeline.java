package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Runs one training job and records its model: {@code createTrainingJob.sync} on the configured
 * (GPU by default) instance with managed spot, checkpoints to S3, max wait and max runtime, the
 * shared metric definitions and network isolation; then writes {@code models/<job>.json} with the
 * model artifact's location.
 *
 * <p>Input: {@code {"hyperparameters": {"epochs": "10", ...}}} (optional; strings, as SageMaker
 * passes them). Data: {@code train/} (required) and {@code validation/} (when it holds data) under
 * the data bucket or the shared data set ({@link io.classroomml.contract.DataLayout}).
 */
public final class TrainingPipeline extends Construct {

  /** Where the pipeline records each trained model. */
  public static final String RECORD_PREFIX = "models/";

  private final StateMachine stateMachine;

  /**
   * @param props what this construct is built from
   */
  public TrainingPipeline(Construct scope, String id, TrainingPipelineProps props) {
    super(scope, id);
    String studentId = props.studentId();
    TrainingJobRequest request = props.request();
    IBucket artifacts = props.artifacts();
    IRole executionRole = props.executionRole();
    List<String> allowedInstanceTypes = props.allowedInstanceTypes();
    int maxConcurrentJobs = props.maxConcurrentJobs();
    ConcurrencyGate gate = new ConcurrencyGate(this, "Gate", maxConcurrentJobs, "training");
    String prefix = Names.trainingJobPrefix(studentId);

    Pass name =
        Pass.Builder.create(this, "NameJob")
            .parameters(
                Ordered.map(
                    "jobName.$",
                    Names.uniqueName(prefix),
                    "hyperparameters.$",
                    "$.hyperparameters"))
            .build();
    Pass noHyperparameters =
        Pass.Builder.create(this, "NoHyperparameters")
            .result(Result.fromObject(Ordered.map()))
            .resultPath("$.hyperparameters")
            .build();
    Choice check =
        Choice.Builder.create(this, "HasHyperparameters")
            .build()
            .when(Condition.isPresent("$.hyperparameters"), name)
            .otherwise(noHyperparameters);
    noHyperparameters.next(name);

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("TrainingJobName.$", "$.jobName");
    parameters.put("HyperParameters.$", "$.hyperparameters");
    request.putInto(
        parameters,
        "training/",
        "S3Uri.$",
        "States.Format('s3://"
            + request.artifactsBucket()
            + "/"
            + StudentBuckets.CHECKPOINTS_PREFIX
            + "{}/', $.jobName)");
    parameters.put("Tags", TrainingJobRequest.tags(studentId));
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("Type", "Task");
    train.put("Resource", Pipelines.syncResource("createTrainingJob"));
    train.put("Parameters", parameters);
    train.put(
        "ResultSelector",
        Ordered.map(
            "TrainingJobName.$", "$.TrainingJobName",
            "ModelArtifacts.$", "$.ModelArtifacts.S3ModelArtifacts"));
    train.put("ResultPath", "$.training");
    CustomState trainState = CustomState.Builder.create(this, "Train").stateJson(train).build();

    CallAwsService record =
        Pipelines.recordResult(this, "RecordModel", artifacts, RECORD_PREFIX, "$.training");
    name.next(request.findChannels(this, trainState));
    trainState.next(record);

    this.stateMachine =
        Pipelines.stateMachine(
            this,
            "StateMachine",
            gate.then(check),
            Duration.seconds(request.settings().maxWaitSeconds() + 3600),
            "Training pipeline of " + studentId);
    gate.grantTo(stateMachine);
    String jobs = Pipelines.sageMakerArn("training-job", prefix);
    Pipelines.grantSyncJob(
        stateMachine,
        studentId,
        jobs,
        "sagemaker:CreateTrainingJob",
        Pipelines.createConditions(studentId, allowedInstanceTypes, true),
        List.of("sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"),
        "StepFunctionsGetEventsForSageMakerTrainingJobsRule",
        executionRole);
    request.grantFindChannels(stateMachine);
    Pipelines.acceptFindings(
        stateMachine,
        List.of(
            Nag.arn("sagemaker", "training-job/" + Names.trainingJobPrefix(studentId) + "-*"),
            Nag.bucketObjects("Artifacts", RECORD_PREFIX)));
  }

  /** The state machine students start. */
  public StateMachine stateMachine() {
    return stateMachine;
  }
}
