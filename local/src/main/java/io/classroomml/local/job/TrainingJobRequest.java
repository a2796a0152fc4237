package io.classroomml.local.job;

import io.classroomml.contract.Channels;
import io.classroomml.contract.SageMakerName;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What {@code CreateTrainingJob} would say, for a local job.
 *
 * @param name the job name (SageMaker's rule: 1-63 letters, digits and inner hyphens)
 * @param hyperparameters string values, as SageMaker passes them
 * @param channels channel name to the local folder that holds its data
 * @param maxRuntimeSeconds {@code StoppingCondition.MaxRuntimeInSeconds}; SIGTERM when reached
 * @param threads PyTorch threads for this job (cores shared between parallel jobs)
 * @param tuningJobName the tuning job that started it, or null
 */
public record TrainingJobRequest(
    String name,
    Map<String, String> hyperparameters,
    Map<String, Path> channels,
    OptionalLong maxRuntimeSeconds,
    int threads,
    String tuningJobName) {

  /** Checks the name and copies the maps (sorted, so config files are stable). */
  public TrainingJobRequest {
    if (!SageMakerName.TRAINING_JOB.isValid(name)) {
      throw new io.classroomml.local.LocalException(SageMakerName.TRAINING_JOB.invalid(name));
    }
    if (!channels.containsKey(Channels.TRAIN)) {
      throw new io.classroomml.local.LocalException(
          "training job " + name + " has no '" + Channels.TRAIN + "' channel; give --data DIR");
    }
    hyperparameters = Map.copyOf(new TreeMap<>(hyperparameters));
    channels = Map.copyOf(channels);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }
}
