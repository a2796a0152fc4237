package io.classroomml.infra.constructs;

import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.DataLocation;
import io.classroomml.infra.config.TrainingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a SageMaker training request that a training job and a tuning job's training
 * definition share, in the API's own shape: image with the shared metric definitions, channels,
 * output, instances, stopping condition, managed spot with checkpoints, network isolation.
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

  /** The channels the trainer reads (under the data prefix). */
  public static final List<String> CHANNELS = List.of("train", "validation");

  /** {@code AlgorithmSpecification}, with the metric definitions from the contract module. */
  public Map<String, Object> algorithmSpecification() {
    List<Object> metrics = new ArrayList<>();
    for (MetricDefinitions.MetricDefinition d : MetricDefinitions.all()) {
      metrics.add(Map.of("Name", d.name(), "Regex", d.regex()));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("TrainingImage", trainingImage);
    spec.put("TrainingInputMode", "File");
    spec.put("MetricDefinitions", metrics);
    return spec;
  }

  /** {@code InputDataConfig}: one S3 prefix per channel. */
  public List<Object> inputDataConfig() {
    String base =
        sharedData
            .map(d -> d.s3Uri().endsWith("/") ? d.s3Uri() : d.s3Uri() + "/")
            .orElse("s3://" + dataBucket + "/");
    List<Object> channels = new ArrayList<>();
    for (String channel : CHANNELS) {
      channels.add(
          Map.of(
              "ChannelName",
              channel,
              "DataSource",
              Map.of(
                  "S3DataSource",
                  Map.of(
                      "S3DataType", "S3Prefix",
                      "S3Uri", base + channel + "/",
                      "S3DataDistributionType", "FullyReplicated"))));
    }
    return channels;
  }

  /** {@code OutputDataConfig} under {@code prefix} of the artifact bucket. */
  public Map<String, Object> outputDataConfig(String prefix) {
    return Map.of("S3OutputPath", "s3://" + artifactsBucket + "/" + prefix);
  }

  /** {@code ResourceConfig}. */
  public Map<String, Object> resourceConfig() {
    return Map.of(
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
    return List.of(Map.of("Key", Names.STUDENT_TAG, "Value", studentId));
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
    request.put("InputDataConfig", inputDataConfig());
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
