package io.classroomml.training.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.Channels;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.training.ClientError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A read-only snapshot of everything SageMaker gives a training container, read once at start: the
 * paths, the three config files and the typed hyperparameters.
 *
 * @param paths the {@code /opt/ml} layout (moved with {@code SAGEMAKER_BASE_DIR})
 * @param hyperparameters the decoded hyperparameters as given
 * @param config the typed, validated hyperparameters
 * @param channels channel name to input mode, from {@code inputdataconfig.json}
 * @param currentHost this host's name (e.g. {@code algo-1})
 * @param hosts every host of the job
 * @param instanceType the instance type, or {@code local}
 * @param jobName {@code TRAINING_JOB_NAME}, or {@code local}
 */
public record TrainingEnvironment(
    SageMakerPaths paths,
    Hyperparameters hyperparameters,
    TrainingConfig config,
    Map<String, String> channels,
    String currentHost,
    List<String> hosts,
    String instanceType,
    String jobName) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the environment under {@code paths}; {@code env} supplies the job name. */
  public static TrainingEnvironment load(SageMakerPaths paths, Map<String, String> env) {
    Hyperparameters hyperparameters = readHyperparameters(paths.hyperparameters());
    TrainingConfig config = TrainingConfig.parse(hyperparameters);
    Map<String, String> channels = readChannels(paths);
    JsonNode resource = readJson(paths.resourceConfig()).orElse(JSON.createObjectNode());
    String currentHost = resource.path("current_host").asText("algo-1");
    List<String> hosts = new ArrayList<>();
    resource.path("hosts").forEach(h -> hosts.add(h.asText()));
    if (hosts.isEmpty()) {
      hosts.add(currentHost);
    }
    if (hosts.size() > 1) {
      throw new ClientError(
          paths.resourceConfig()
              + ": the job has "
              + hosts.size()
              + " hosts "
              + hosts
              + ", but this trainer trains on one instance (all of its GPUs). Set InstanceCount"
              + " to 1; scale out with parallel tuning trials instead.");
    }
    return new TrainingEnvironment(
        paths,
        hyperparameters,
        config,
        channels,
        currentHost,
        List.copyOf(hosts),
        resource.path("current_instance_type").asText("local"),
        env.getOrDefault("TRAINING_JOB_NAME", "local"));
  }

  /** The directory of the training channel. */
  public Path trainChannel() {
    return paths.channel(Channels.TRAIN);
  }

  /** The first evaluation channel present ({@code validation}, then {@code test}). */
  public Optional<Path> evaluationChannel() {
    return Channels.EVALUATION.stream()
        .filter(channels::containsKey)
        .map(paths::channel)
        .findFirst();
  }

  /** The pretrained-model channel, when given. */
  public Optional<Path> pretrainedChannel() {
    return channels.containsKey(Channels.PRETRAINED)
        ? Optional.of(paths.channel(Channels.PRETRAINED))
        : Optional.empty();
  }

  private static Hyperparameters readHyperparameters(Path file) {
    if (!Files.exists(file)) {
      return Hyperparameters.of(Map.of());
    }
    try {
      return Hyperparameters.parse(Files.readString(file));
    } catch (IOException e) {
      throw new ClientError(
          file + " is not valid JSON (" + firstLine(e) + "); it must be an object of strings");
    }
  }

  /** Channels from inputdataconfig.json, or the folders present when there is none. */
  private static Map<String, String> readChannels(SageMakerPaths paths) {
    Map<String, String> channels = new TreeMap<>();
    Optional<JsonNode> config = readJson(paths.inputDataConfig());
    if (config.isPresent()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = config.get().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String mode = e.getValue().path("TrainingInputMode").asText("File");
        if (mode.equals("Pipe")) {
          throw new ClientError(
              paths.inputDataConfig()
                  + ": channel '"
                  + e.getKey()
                  + "' uses TrainingInputMode Pipe; this trainer reads files: use File or"
                  + " FastFile");
        }
        channels.put(e.getKey(), mode);
      }
    } else {
      try (var dirs = Files.list(paths.base().resolve("input/data"))) {
        dirs.filter(Files::isDirectory)
            .forEach(d -> channels.put(d.getFileName().toString(), "File"));
      } catch (IOException e) {
        // No data folder at all: reported below as a missing train channel.
      }
    }
    if (!channels.containsKey(Channels.TRAIN)) {
      throw new ClientError(
          "No 'train' channel: "
              + (config.isPresent()
                  ? paths.inputDataConfig() + " lists " + channels.keySet()
                  : "no inputdataconfig.json and no folder " + paths.channel(Channels.TRAIN))
              + ". Give the job an input channel named 'train' with CIFAR-10 batches, IDX files"
              + " or one folder per class.");
    }
    for (String channel : channels.keySet()) {
      if (!Files.isDirectory(paths.channel(channel))) {
        throw new ClientError(
            "Channel '"
                + channel
                + "' is listed in inputdataconfig.json but "
                + paths.channel(channel)
                + " does not exist; check the channel's S3 location holds data");
      }
    }
    return Map.copyOf(channels);
  }

  private static Optional<JsonNode> readJson(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new ClientError(file + " is not valid JSON: " + firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
