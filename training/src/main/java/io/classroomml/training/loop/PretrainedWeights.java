package io.classroomml.training.loop;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.classroomml.contract.ModelManifest;
import io.classroomml.models.SavedModel;
import io.classroomml.training.ClientError;
import io.classroomml.training.config.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Transfer learning: starts the network from a model in the {@code pretrained} channel (the model
 * directory or {@code model.tar.gz} contents of an earlier job: {@code manifest.json} plus DJL
 * parameters) or a TorchScript file of the same network. Every parameter with the same name and
 * shape is copied; a classifier for a different number of classes starts fresh. With {@code
 * freeze_pretrained} the copied layers are frozen and only the rest trains.
 */
final class PretrainedWeights {

  /** Parameter names of the final linear layer contain this (DJL names blocks by type). */
  private static final String CLASSIFIER = "Linear";

  private PretrainedWeights() {}

  static void apply(Path channel, Block block, TrainingConfig config, PrintStream log)
      throws IOException {
    if (!Files.isRegularFile(channel.resolve(ModelManifest.FILE_NAME))) {
      Optional<Path> torchScript = torchScriptFile(channel);
      if (torchScript.isEmpty()) {
        throw new ClientError(
            "The 'pretrained' channel "
                + channel
                + " has neither "
                + ModelManifest.FILE_NAME
                + " nor a TorchScript file (*.pt); give it the extracted model.tar.gz of an"
                + " earlier classroom-ml training job (manifest.json and model-0000.params) or a"
                + " TorchScript export of the same network");
      }
      fromTorchScript(torchScript.get(), block, config, log);
      return;
    }
    SavedModel pretrained;
    try {
      pretrained = SavedModel.load(channel);
    } catch (IOException e) {
      throw new ClientError("The 'pretrained' channel cannot be loaded: " + e.getMessage(), e);
    }
    try (pretrained) {
      if (!pretrained.manifest().architecture().equals(config.model().id())) {
        throw new ClientError(
            "The 'pretrained' model is a "
                + pretrained.manifest().architecture()
                + " but hyperparameter 'model' = '"
                + config.model().id()
                + "'; set model to "
                + pretrained.manifest().architecture());
      }
      Set<String> copied = Parameters.copy(pretrained.model().getBlock(), block);
      finish(copied, block, config, channel, log);
    }
  }

  /**
   * A TorchScript export of the same network (e.g. the PyTorch twin in {@code
   * scripts/lib/export_torchscript.py}): names differ between the engines, so learnable tensors are
   * paired in order, skipping ours until the shapes agree. Batch-norm running statistics are not
   * copied; they settle again in the first steps.
   */
  private static void fromTorchScript(
      Path file, Block block, TrainingConfig config, PrintStream log) throws IOException {
    try (Model scripted = Model.newInstance("pretrained", Device.cpu(), "PyTorch")) {
      try {
        scripted.load(file);
      } catch (MalformedModelException | RuntimeException e) {
        throw new ClientError(file + " is not a TorchScript model: " + e.getMessage(), e);
      }
      List<NDArray> source = new ArrayList<>();
      for (Pair<String, Parameter> p : scripted.getBlock().getParameters()) {
        if (!p.getKey().contains("running_") && !p.getKey().contains("num_batches")) {
          source.add(p.getValue().getArray());
        }
      }
      Set<String> copied = new LinkedHashSet<>();
      int next = 0;
      for (Map.Entry<String, Parameter> target : Parameters.byName(block).entrySet()) {
        Parameter.Type type = target.getValue().getType();
        if (next >= source.size()
            || type == Parameter.Type.RUNNING_MEAN
            || type == Parameter.Type.RUNNING_VAR) {
          continue;
        }
        NDArray from = source.get(next);
        NDArray to = target.getValue().getArray();
        if (from.getShape().equals(to.getShape())) {
          to.set(from.toType(to.getDataType(), false).toByteBuffer());
          copied.add(target.getKey());
          next++;
        }
      }
      if (copied.isEmpty()) {
        throw new ClientError(
            file
                + " has no tensor of the shapes "
                + config.model().id()
                + " needs; export the same network (see scripts/lib/export_torchscript.py)");
      }
      finish(copied, block, config, file, log);
    }
  }

  private static Optional<Path> torchScriptFile(Path channel) throws IOException {
    try (Stream<Path> files = Files.list(channel)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".pt"))
          .filter(Files::isRegularFile)
          .sorted()
          .findFirst();
    }
  }

  private static void finish(
      Set<String> copied, Block block, TrainingConfig config, Path from, PrintStream log) {
    Map<String, Parameter> all = Parameters.byName(block);
    if (config.freezePretrained()) {
      // The classifier stays trainable: it is what adapts to the new classes.
      copied.stream()
          .filter(name -> !name.contains(CLASSIFIER))
          .forEach(name -> all.get(name).freeze(true));
    }
    log.printf(
        "pretrained: %d of %d parameters copied from %s%s%n",
        copied.size(), all.size(), from, config.freezePretrained() ? " and frozen" : "");
  }
}
