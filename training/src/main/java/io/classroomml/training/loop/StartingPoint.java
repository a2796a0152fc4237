package io.classroomml.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.classroomml.datasets.ImageSet;
import io.classroomml.training.ClientError;
import io.classroomml.training.config.TrainingConfig;
import io.classroomml.training.config.TrainingEnvironment;
import io.classroomml.training.data.TrainingData;
import io.classroomml.training.optim.ScheduledOptimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run starts: the latest checkpoint when there is one (weights, optimiser state and
 * history, refused when it was written for another model or data), else pretrained weights or
 * airbench's whitening layer set from the training data.
 */
final class StartingPoint {

  private final TrainingEnvironment env;
  private final TrainingConfig config;
  private final TrainingData data;
  private final PrintStream log;

  StartingPoint(TrainingEnvironment env, TrainingData data, PrintStream log) {
    this.env = env;
    this.config = env.config();
    this.data = data;
    this.log = log;
  }

  /** What must match for a resume: architecture, data geometry and classes. */
  String fingerprint() {
    ImageSet train = data.train();
    return config.model().id() + " " + train.geometry() + " " + train.classNames();
  }

  /** The state of a run that starts from scratch, after initialising {@code block}. */
  Checkpoints.State fresh(Block block) throws IOException {
    initialise(block);
    return new Checkpoints.State(0, 0, 0, List.of(), -1, 0, fingerprint(), List.of());
  }

  /** Loads {@code saved} into {@code block} and {@code optimizer}; returns its state. */
  Checkpoints.State resume(
      Checkpoints.Saved saved, Block block, ScheduledOptimizer optimizer, NDManager manager)
      throws IOException {
    Checkpoints.State state = saved.state();
    if (!state.fingerprint().equals(fingerprint())) {
      throw new ClientError(
          "The checkpoint in "
              + saved.dir()
              + " was written for '"
              + state.fingerprint()
              + "' but this job trains '"
              + fingerprint()
              + "'; use the same model and data, or clear the checkpoint location"
              + " (CheckpointConfig.S3Uri)");
    }
    Block template =
        config
            .model()
            .buildForTraining(data.train().channels(), data.train().classNames().size(), 0f);
    Checkpoints.loadWeights(saved, template, block);
    try (NDList optimizerState = Checkpoints.optimizerState(saved, manager)) {
      Map<String, NDArray> arrays = new LinkedHashMap<>(Parameters.arrays(block));
      optimizer.importState(optimizerState, arrays);
    }
    if (config.model().hasWhiteningLayer()) {
      firstConvolutionWeight(block).ifPresent(p -> p.freeze(true));
    }
    log.printf(
        "resuming from checkpoint %s: epoch %d, step %d%n",
        saved.dir().getFileName(), state.nextEpoch() + 1, state.nextStep());
    return state;
  }

  /** Whitening init or pretrained weights for a job that is not resuming. */
  private void initialise(Block block) throws IOException {
    Optional<java.nio.file.Path> pretrained = env.pretrainedChannel();
    if (pretrained.isPresent()) {
      PretrainedWeights.apply(pretrained.get(), block, config, log);
      return;
    }
    if (config.model().hasWhiteningLayer()) {
      Parameter weight =
          firstConvolutionWeight(block)
              .orElseThrow(() -> new IllegalStateException("no whitening layer"));
      float[] filters = Whitening.filters(data.train(), data.mean(), data.std());
      weight.getArray().set(filters);
      weight.freeze(true);
      log.println("whitening layer initialised from the training data and frozen");
    }
  }

  private static Optional<Parameter> firstConvolutionWeight(Block block) {
    return Parameters.byName(block).entrySet().stream()
        .filter(e -> e.getKey().endsWith("weight"))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** airbench's whitening bias: the first bias of the network. */
  static Optional<Parameter> whiteningBias(Block block) {
    return Parameters.byName(block).entrySet().stream()
        .filter(e -> e.getKey().endsWith("bias"))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
