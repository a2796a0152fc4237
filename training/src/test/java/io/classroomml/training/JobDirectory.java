package io.classroomml.training;

import io.classroomml.contract.SageMakerPaths;
import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A temporary {@code /opt/ml} laid out as SageMaker does, and the trainer run on it as a process.
 */
final class JobDirectory {

  final Path base;
  final SageMakerPaths paths;

  JobDirectory(Path base) {
    this.base = base;
    this.paths = new SageMakerPaths(base);
  }

  /** Writes the three config files; every hyperparameter value is a string, as on SageMaker. */
  JobDirectory configure(Map<String, String> hyperparameters, List<String> channels)
      throws IOException {
    Files.createDirectories(paths.inputConfig());
    String hp =
        hyperparameters.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
            .collect(Collectors.joining(", ", "{", "}"));
    Files.writeString(paths.hyperparameters(), hp);
    String data =
        channels.stream()
            .map(
                c ->
                    "\""
                        + c
                        + "\": {\"TrainingInputMode\": \"File\", \"S3DistributionType\":"
                        + " \"FullyReplicated\", \"RecordWrapperType\": \"None\"}")
            .collect(Collectors.joining(", ", "{", "}"));
    Files.writeString(paths.inputDataConfig(), data);
    Files.writeString(
        paths.resourceConfig(),
        "{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\"], \"network_interface_name\":"
            + " \"eth0\", \"current_instance_type\": \"local\"}");
    return this;
  }

  Path channel(String name) throws IOException {
    return Files.createDirectories(paths.channel(name));
  }

  /** Starts {@code train} in a new JVM with this directory as {@code SAGEMAKER_BASE_DIR}. */
  Process start(Path log) throws IOException {
    return command().redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs {@code train} to the end (at most 5 minutes, then it is killed); its exit code. */
  int run(Path log) throws IOException, InterruptedException {
    return Processes.run(command(), log, Duration.ofMinutes(5)).exit();
  }

  private ProcessBuilder command() {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            TrainMain.class.getName(),
            "train");
    pb.environment().put(SageMakerPaths.BASE_DIR_ENV, base.toString());
    return pb;
  }

  String failure() throws IOException {
    return Files.readString(paths.failure());
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  static Path temp(String name) throws IOException {
    return Files.createTempFile(name, ".log").toAbsolutePath();
  }
}
