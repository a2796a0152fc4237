package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.infra.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Runs one hyperparameter tuning job ({@code createHyperParameterTuningJob.sync}) from the same
 * {@link TuningSpec} the local tuner reads, with the training job definition of the {@link
 * TrainingPipeline} (image, metric definitions, spot, checkpoints, isolation), then records the
 * result, best trial included, as {@code models/tuning/<job>.json}.
 */
public final class TuningPipeline extends Construct {

  /** Where the pipeline records each tuning job's result. */
  public static final String RECORD_PREFIX = "models/tuning/";

  private final StateMachine stateMachine;

  /**
   * @param props what this construct is built from
   */
  public TuningPipeline(Construct scope, String id, TuningPipelineProps props) {
    super(scope, id);
    String studentId = props.studentId();
    TuningSpec spec = props.spec();
    TrainingJobRequest request = props.request();
    IBucket artifacts = props.artifacts();
    IRole executionRole = props.executionRole();
    List<String> allowedInstanceTypes = props.allowedInstanceTypes();
    int maxConcurrentJobs = props.maxConcurrentJobs();
    ConcurrencyGate gate = new ConcurrencyGate(this, "Gate", maxConcurrentJobs, "tuning");
    String prefix = Names.tuningJobPrefix(studentId);

    Pass name =
        Pass.Builder.create(this, "NameJob")
            .parameters(Ordered.map("jobName.$", Names.uniqueName(prefix)))
            .build();

    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("StaticHyperParameters", spec.staticHyperParameters());
    // Trials share one checkpoint prefix; SageMaker keeps each trial's files under its own name.
    request.putInto(
        definition,
        "tuning/",
        "S3Uri",
        "s3://" + request.artifactsBucket() + "/" + StudentBuckets.CHECKPOINTS_PREFIX + "tuning/");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("HyperParameterTuningJobName.$", "$.jobName");
    parameters.put("HyperParameterTuningJobConfig", spec.toHyperParameterTuningJobConfig());
    parameters.put("TrainingJobDefinition", definition);
    parameters.put("Tags", TrainingJobRequest.tags(studentId));
    Map<String, Object> tune = new LinkedHashMap<>();
    tune.put("Type", "Task");
    tune.put("Resource", Pipelines.syncResource("createHyperParameterTuningJob"));
    tune.put("Parameters", parameters);
    tune.put("ResultPath", "$.tuning");
    CustomState tuneState = CustomState.Builder.create(this, "Tune").stateJson(tune).build();

    CallAwsService record =
        Pipelines.recordResult(this, "RecordResult", artifacts, RECORD_PREFIX, "$.tuning");
    name.next(request.findChannels(this, tuneState));
    tuneState.next(record);

    long trialSeconds = request.settings().maxWaitSeconds();
    long waves =
        (spec.maxTrainingJobs() + spec.resourceLimits().maxParallelTrainingJobs() - 1)
            / spec.resourceLimits().maxParallelTrainingJobs();
    long timeout = spec.resourceLimits().maxRuntimeInSeconds().orElse(waves * trialSeconds) + 3600;
    this.stateMachine =
        Pipelines.stateMachine(
            this,
            "StateMachine",
            gate.then(name),
            Duration.seconds(timeout),
            "Tuning pipeline of " + studentId);
    gate.grantTo(stateMachine);
    String tuningJobs = Pipelines.sageMakerArn("hyper-parameter-tuning-job", prefix);
    Pipelines.grantSyncJob(
        stateMachine,
        studentId,
        tuningJobs,
        "sagemaker:CreateHyperParameterTuningJob",
        Pipelines.createConditions(studentId, allowedInstanceTypes, true),
        List.of(
            "sagemaker:DescribeHyperParameterTuningJob",
            "sagemaker:StopHyperParameterTuningJob",
            "sagemaker:ListTrainingJobsForHyperParameterTuningJob"),
        "StepFunctionsGetEventsForSageMakerTuningJobsRule",
        executionRole);
    request.grantFindChannels(stateMachine);
    Pipelines.acceptFindings(
        stateMachine,
        List.of(
            Nag.arn(
                "sagemaker",
                "hyper-parameter-tuning-job/" + Names.tuningJobPrefix(studentId) + "-*"),
            Nag.bucketObjects("Artifacts", RECORD_PREFIX)));
  }

  /** The state machine students start. */
  public StateMachine stateMachine() {
    return stateMachine;
  }
}
