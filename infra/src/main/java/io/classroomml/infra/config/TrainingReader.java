package io.classroomml.infra.config;

import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.contract.tuning.TuningSpecException;
import io.classroomml.infra.cost.InstanceTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Training jobs: instance, spot, limits, the training image's flavor and the tuning spec. */
final class TrainingReader {

  /** Defaults for keys that may be left out (documented in docs/configuration.md). */
  static final String DEFAULT_TRAINING_INSTANCE = "ml.g4dn.xlarge";

  static final long DEFAULT_TRAINING_RUNTIME = 7_200;
  static final int DEFAULT_TRAINING_VOLUME_GB = 30;
  static final int DEFAULT_MAX_CONCURRENT_JOBS = 1;

  private final ContextValues values;
  private final Problems problems;

  TrainingReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  TrainingSettings training() {
    String type =
        values.instanceType(ContextKeys.TRAINING_INSTANCE_TYPE, DEFAULT_TRAINING_INSTANCE);
    int count = (int) values.positiveWhole(ContextKeys.TRAINING_INSTANCE_COUNT, 1);
    boolean spot = values.bool(ContextKeys.TRAINING_SPOT, true);
    long runtime = values.positiveWhole(ContextKeys.TRAINING_MAX_RUNTIME, DEFAULT_TRAINING_RUNTIME);
    long wait = values.positiveWhole(ContextKeys.TRAINING_MAX_WAIT, 2 * runtime);
    int volume =
        (int) values.positiveWhole(ContextKeys.TRAINING_VOLUME_GB, DEFAULT_TRAINING_VOLUME_GB);
    return new TrainingSettings(type, count, spot, runtime, wait, volume);
  }

  int maxConcurrentJobs() {
    return (int) values.positiveWhole(ContextKeys.MAX_CONCURRENT_JOBS, DEFAULT_MAX_CONCURRENT_JOBS);
  }

  /**
   * The GPU training image carries CUDA natives only and stops at once on a host without an NVIDIA
   * driver, so it is refused with a CPU training instance type. Without the key nothing is known
   * about the image and nothing is refused (the trainer then names the mismatch itself).
   *
   * @param trainingInstanceType null when it is itself a problem (nothing more is checked then)
   */
  void requireGpuForGpuImage(String trainingInstanceType) {
    Optional<String> flavor = values.optional(ContextKeys.TRAINING_IMAGE_FLAVOR);
    if (flavor.isEmpty()) {
      return;
    }
    switch (flavor.get()) {
      case "cpu" -> {}
      case "gpu" -> {
        if (trainingInstanceType != null && !InstanceTypes.isGpu(trainingInstanceType)) {
          problems.add(
              ContextKeys.TRAINING_IMAGE_FLAVOR,
              flavor.get(),
              "the GPU training image needs an NVIDIA driver, but "
                  + ContextKeys.TRAINING_INSTANCE_TYPE
                  + "="
                  + trainingInstanceType
                  + " has no GPU; set "
                  + ContextKeys.TRAINING_INSTANCE_TYPE
                  + " to a GPU type such as ml.g4dn.xlarge, or build a CPU training image"
                  + " (scripts/build-images --training cpu) and pass its digest with "
                  + ContextKeys.TRAINING_IMAGE_FLAVOR
                  + "=cpu");
        }
      }
      default ->
          problems.add(
              ContextKeys.TRAINING_IMAGE_FLAVOR,
              flavor.get(),
              "must be gpu or cpu, as scripts/build-images prints it");
    }
  }

  /** The file named by {@code tuningSpec}, if set. */
  Optional<String> tuningSpecFile() {
    return values.optional(ContextKeys.TUNING_SPEC);
  }

  /**
   * The tuning spec in {@code file} (the built-in one when empty), or null (a problem recorded).
   */
  TuningSpec tuningSpec(Optional<String> file) {
    return file.map(this::tuningSpec).orElseGet(TuningSpec::defaultSpec);
  }

  /** Where the tuning spec came from, for the synth summary. */
  static String tuningSource(Optional<String> file) {
    return file.orElse("built-in " + TuningSpec.DEFAULT_RESOURCE);
  }

  private TuningSpec tuningSpec(String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      return problems.add(
          ContextKeys.TUNING_SPEC,
          file,
          "no such file (relative paths start at the directory of cdk.json); leave the key out"
              + " to use the built-in "
              + TuningSpec.DEFAULT_RESOURCE);
    }
    try {
      return TuningSpec.parse(path);
    } catch (TuningSpecException e) {
      return problems.add(ContextKeys.TUNING_SPEC, file, e.getMessage());
    } catch (IOException e) {
      return problems.add(ContextKeys.TUNING_SPEC, file, "cannot be read: " + e.getMessage());
    }
  }
}
