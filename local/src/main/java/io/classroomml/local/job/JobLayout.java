package io.classroomml.local.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.classroomml.contract.SageMakerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Lays out a job's {@code /opt/ml} exactly as SageMaker does before it starts the container: the
 * three files in {@code input/config} (with the keys real jobs have, which is more than the Python
 * SDK's local mode writes) and one folder per channel under {@code input/data} whose files link to
 * the local data (File mode: the trainer sees a normal folder).
 */
public final class JobLayout {

  /** The only host of a local job. */
  public static final String HOST = "algo-1";

  /** What {@code current_instance_type} says in local mode. */
  public static final String INSTANCE_TYPE = "local";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JobLayout() {}

  /** Writes the config files and channel folders of {@code request} under {@code paths}. */
  public static void write(SageMakerPaths paths, TrainingJobRequest request) throws IOException {
    Files.createDirectories(paths.inputConfig());
    Files.createDirectories(paths.model());
    Files.createDirectories(paths.outputData());
    Files.createDirectories(paths.checkpoints());
    JSON.writeValue(paths.hyperparameters().toFile(), new TreeMap<>(request.hyperparameters()));
    JSON.writeValue(paths.inputDataConfig().toFile(), inputDataConfig(request.channels().keySet()));
    JSON.writeValue(paths.resourceConfig().toFile(), resourceConfig());
    for (Map.Entry<String, Path> channel : request.channels().entrySet()) {
      linkChannel(channel.getValue(), paths.channel(channel.getKey()));
    }
  }

  /** {@code inputdataconfig.json}: File mode, fully replicated, no record wrapping. */
  static Map<String, Object> inputDataConfig(Iterable<String> channels) {
    Map<String, Object> config = new TreeMap<>();
    for (String channel : channels) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("TrainingInputMode", "File");
      entry.put("S3DistributionType", "FullyReplicated");
      entry.put("RecordWrapperType", "None");
      config.put(channel, entry);
    }
    return config;
  }

  /** {@code resourceconfig.json} of a one-instance job, with the keys a real job has. */
  static Map<String, Object> resourceConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("current_host", HOST);
    config.put("current_instance_type", INSTANCE_TYPE);
    config.put("current_group_name", "homogeneousCluster");
    config.put("hosts", List.of(HOST));
    config.put(
        "instance_groups",
        List.of(
            Map.of(
                "instance_group_name",
                "homogeneousCluster",
                "instance_type",
                INSTANCE_TYPE,
                "hosts",
                List.of(HOST))));
    config.put("network_interface_name", "eth0");
    return config;
  }

  /** Links every entry of {@code source} into {@code channel} (a fresh folder). */
  private static void linkChannel(Path source, Path channel) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new io.classroomml.local.LocalException(
          "channel data " + source + " is not a folder; give the folder that holds the data files");
    }
    Files.createDirectories(channel);
    try (Stream<Path> entries = Files.list(source)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Path link = channel.resolve(entry.getFileName().toString());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, entry.toAbsolutePath());
        }
      }
    }
  }
}
