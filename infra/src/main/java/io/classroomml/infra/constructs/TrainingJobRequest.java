package io.classroomml.infra.constructs;

import io.classroomml.contract.DataLayout;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.Ordered;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.DataLocation;
import io.classroomml.infra.config.TrainingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The parts of a SageMaker training request that a training job and a tuning job's training
 * definition share, in the API's own shape: image with the shared metric definitions, channels,
 * output, instances, stopping condition, managed spot with checkpoints, network isolation; and the
 * states that choose the job's channels from what the data location holds ({@link DataLayout}).
 *
 * @param trainingImage the image URI pinned by digest
 * @param roleArn the execution role
 * @param dataBucket the student's data bucket name
 * @param artifactsBucket the student's artifact bucket name
 * @param sharedData a course data set to read instead of the student's bucket, if any
 * @param settings instance, spot and time settings
 */
public record TrainingJobRequest(
    String trainingImage,
    String roleArn,
    String dataBucket,
    String artifactsBucket,
    Optional<DataLocation> sharedData,
    TrainingSettings settings) {

  /** Where {@link #findChannels} leaves the job's {@code InputDataConfig}. */
  public static final String CHANNELS_PATH = "$.channels";

  /** {@code AlgorithmSpecification}, with the metric definitions from the contract module. */
  public Map<String, Object> algorithmSpecification() {
    List<Object> metrics = new ArrayList<>();
    for (MetricDefinitions.MetricDefinition d : MetricDefinitions.all()) {
      metrics.add(Ordered.map("Name", d.name(), "Regex", d.regex()));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("TrainingImage", trainingImage);
    spec.put("TrainingInputMode", "File");
    spec.put("MetricDefinitions", metrics);
    return spec;
  }

  /** The bucket the channels are read from: the shared data set's, else the student's. */
  public String channelBucket() {
    return sharedData.map(DataLocation::bucket).orElse(dataBucket);
  }

  /** The key prefix the channels are under ({@code ""}, or the shared prefix ending in '/'). */
  public String channelRoot() {
    String prefix = sharedData.map(DataLocation::prefix).orElse("");
    return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /** The key prefix of {@code channel} in {@link #channelBucket()} ({@link DataLayout}). */
  public String channelPrefix(String channel) {
    return channelRoot() + DataLayout.channelPrefix(channel);
  }

  /** {@code InputDataConfig} for {@code channels}: one S3 prefix each. */
  public List<Object> inputDataConfig(List<String> channels) {
    List<Object> config = new ArrayList<>();
    for (String channel : channels) {
      config.add(
          Ordered.map(
              "ChannelName",
              channel,
              "DataSource",
              Ordered.map(
                  "S3DataSource",
                  Ordered.map(
                      "S3DataType", "S3Prefix",
                      "S3Uri", "s3://" + channelBucket() + "/" + channelPrefix(channel),
                      "S3DataDistributionType", "FullyReplicated"))));
    }
    return config;
  }

  /**
   * The states that decide the job's channels, before {@code next}: list one key under each channel
   * prefix; no training data ends the execution with a message saying where to upload it (SageMaker
   * would fail the job on an empty prefix, after starting an instance); the optional channel is in
   * {@code $.channels} (the job's {@code InputDataConfig}) only when its prefix holds data. So a
   * student uploads to {@code train/}, and {@code validation/} when they have one.
   *
   * @return the first state
   */
  public IChainable findChannels(Construct scope, IChainable next) {
    String required = DataLayout.REQUIRED_CHANNEL;
    String optional = DataLayout.OPTIONAL_CHANNEL;
    Fail noData =
        Fail.Builder.create(scope, "NoTrainingData")
            .error("NoTrainingData")
            .cause(
                "nothing under s3://"
                    + channelBucket()
                    + "/"
                    + channelPrefix(required)
                    + ": upload the training set there (docs/data-formats.md)")
            .build();
    Pass withOptional =
        Pass.Builder.create(scope, "WithValidationChannel")
            .result(Result.fromArray(inputDataConfig(DataLayout.CHANNELS)))
            .resultPath(CHANNELS_PATH)
            .build();
    Pass requiredOnly =
        Pass.Builder.create(scope, "WithoutValidationChannel")
            .result(Result.fromArray(inputDataConfig(List.of(required))))
            .resultPath(CHANNELS_PATH)
            .build();
    withOptional.next(next);
    requiredOnly.next(next);
    CustomState findOptional = listChannel(scope, "FindValidationData", optional);
    findOptional.next(
        Choice.Builder.create(scope, "HasValidationData")
            .build()
            .when(Condition.numberGreaterThan(countPath(optional), 0), withOptional)
            .otherwise(requiredOnly));
    CustomState findRequired = listChannel(scope, "FindTrainingData", required);
    findRequired.next(
        Choice.Builder.create(scope, "HasTrainingData")
            .build()
            .when(Condition.numberGreaterThan(countPath(required), 0), findOptional)
            .otherwise(noData));
    return findRequired;
  }

  /** Lets {@code stateMachine} list the channel prefixes (and nothing else of the bucket). */
  public void grantFindChannels(StateMachine stateMachine) {
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("s3:ListBucket"))
            .resources(List.of("arn:" + Aws.PARTITION + ":s3:::" + channelBucket()))
            .conditions(
                Ordered.map(
                    "StringEquals",
                    Ordered.map(
                        "s3:prefix",
                        DataLayout.CHANNELS.stream().map(this::channelPrefix).toList())))
            .build());
  }

  private CustomState listChannel(Construct scope, String id, String channel) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Type", "Task");
    state.put("Resource", "arn:" + Aws.PARTITION + ":states:::aws-sdk:s3:listObjectsV2");
    state.put(
        "Parameters",
        Ordered.map("Bucket", channelBucket(), "Prefix", channelPrefix(channel), "MaxKeys", 1));
    state.put("ResultSelector", Ordered.map("count.$", "$.KeyCount"));
    state.put("ResultPath", "$.data." + channel);
    return CustomState.Builder.create(scope, id).stateJson(state).build();
  }

  private static String countPath(String channel) {
    return "$.data." + channel + ".count";
  }

  /** {@code OutputDataConfig} under {@code prefix} of the artifact bucket. */
  public Map<String, Object> outputDataConfig(String prefix) {
    return Ordered.map("S3OutputPath", "s3://" + artifactsBucket + "/" + prefix);
  }

  /** {@code ResourceConfig}. */
  public Map<String, Object> resourceConfig() {
    return Ordered.map(
        "InstanceType", settings.instanceType(),
        "InstanceCount", settings.instanceCount(),
        "VolumeSizeInGB", settings.volumeGb());
  }

  /** {@code StoppingCondition}: max runtime, and max wait when spot. */
  public Map<String, Object> stoppingCondition() {
    Map<String, Object> stop = new LinkedHashMap<>();
    stop.put("MaxRuntimeInSeconds", settings.maxRuntimeSeconds());
    if (settings.spot()) {
      stop.put("MaxWaitTimeInSeconds", settings.maxWaitSeconds());
    }
    return stop;
  }

  /** The checkpoint location inside the container, from the contract module. */
  public static String checkpointLocalPath() {
    return new SageMakerPaths(SageMakerPaths.DEFAULT_BASE).checkpoints().toString();
  }

  /** The request tags every pipeline-created job carries (IAM refuses requests without them). */
  public static List<Object> tags(String studentId) {
    return List.of(Ordered.map("Key", Names.STUDENT_TAG, "Value", studentId));
  }

  /**
   * Writes the shared fields into {@code request}.
   *
   * @param request the request (or training job definition) being built
   * @param outputPrefix where model artifacts go in the artifact bucket
   * @param checkpointField {@code S3Uri}, or {@code S3Uri.$} for a path expression
   * @param checkpointValue the checkpoint location (an expression for training, a constant for
   *     tuning)
   */
  public void putInto(
      Map<String, Object> request,
      String outputPrefix,
      String checkpointField,
      String checkpointValue) {
    request.put("AlgorithmSpecification", algorithmSpecification());
    request.put("RoleArn", roleArn);
    request.put("InputDataConfig.$", CHANNELS_PATH);
    request.put("OutputDataConfig", outputDataConfig(outputPrefix));
    request.put("ResourceConfig", resourceConfig());
    request.put("StoppingCondition", stoppingCondition());
    request.put("EnableNetworkIsolation", true);
    if (settings.spot()) {
      request.put("EnableManagedSpotTraining", true);
      Map<String, Object> checkpoint = new LinkedHashMap<>();
      checkpoint.put(checkpointField, checkpointValue);
      checkpoint.put("LocalPath", checkpointLocalPath());
      request.put("CheckpointConfig", checkpoint);
    }
  }
}
