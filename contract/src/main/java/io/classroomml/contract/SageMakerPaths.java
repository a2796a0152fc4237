package io.classroomml.contract;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every path of the SageMaker container contract, derived from one base directory.
 *
 * <p>SageMaker mounts everything under {@code /opt/ml}; the AWS toolkits move that base with {@code
 * SAGEMAKER_BASE_DIR}, which is how tests and local mode run the real entrypoints on a temporary
 * tree. See <a
 * href="https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-training-algo-running-container.html">How
 * SageMaker runs your training image</a>.
 *
 * @param base the {@code /opt/ml} directory (or its stand-in)
 */
public record SageMakerPaths(Path base) {

  /** Environment variable that moves the base directory. */
  public static final String BASE_DIR_ENV = "SAGEMAKER_BASE_DIR";

  /** Where SageMaker puts everything. */
  public static final Path DEFAULT_BASE = Path.of("/opt/ml");

  /** SageMaker shows this many characters of the failure file as {@code FailureReason}. */
  public static final int FAILURE_REASON_LIMIT = 1024;

  /** Returns the paths for {@code SAGEMAKER_BASE_DIR} in {@code env}, or {@code /opt/ml}. */
  public static SageMakerPaths fromEnvironment(Map<String, String> env) {
    String base = env.get(BASE_DIR_ENV);
    return new SageMakerPaths(base == null || base.isBlank() ? DEFAULT_BASE : Path.of(base));
  }

  /** {@code input/config}: the JSON files SageMaker writes before starting the container. */
  public Path inputConfig() {
    return base.resolve("input/config");
  }

  /** {@code hyperparameters.json}: a JSON object mapping names to string values. */
  public Path hyperparameters() {
    return inputConfig().resolve("hyperparameters.json");
  }

  /** {@code inputdataconfig.json}: one entry per channel (content type, input mode). */
  public Path inputDataConfig() {
    return inputConfig().resolve("inputdataconfig.json");
  }

  /** {@code resourceconfig.json}: current host, all hosts, instance type. */
  public Path resourceConfig() {
    return inputConfig().resolve("resourceconfig.json");
  }

  /** {@code input/data/<channel>}: a channel's files in File mode. */
  public Path channel(String name) {
    return base.resolve("input/data").resolve(name);
  }

  /** {@code model}: final artifacts, tarred by SageMaker into {@code model.tar.gz}. */
  public Path model() {
    return base.resolve("model");
  }

  /** {@code output}: failure and success markers. */
  public Path output() {
    return base.resolve("output");
  }

  /** {@code output/failure}: the reason a job failed; its first 1024 characters are shown. */
  public Path failure() {
    return output().resolve("failure");
  }

  /** {@code output/success}: an empty marker file (a toolkit convention). */
  public Path success() {
    return output().resolve("success");
  }

  /** {@code output/data}: non-model artifacts, uploaded as {@code output.tar.gz}. */
  public Path outputData() {
    return output().resolve("data");
  }

  /** {@code checkpoints}: synced to {@code CheckpointConfig.S3Uri} during the job. */
  public Path checkpoints() {
    return base.resolve("checkpoints");
  }
}
