package io.classroomml.training.loop;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.classroomml.contract.ModelManifest;
import io.classroomml.models.SavedModel;
import io.classroomml.training.ClientError;
import io.classroomml.training.config.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Transfer learning: starts the network from a model in the {@code pretrained} channel (the model
 * directory or {@code model.tar.gz} contents of an earlier job: {@code manifest.json} plus DJL
 * parameters). Every parameter with the same name and shape is copied; a classifier for a different
 * number of classes starts fresh. With {@code freeze_pretrained} the copied layers are frozen and
 * only the rest trains.
 */
final class PretrainedWeights {

  /** Parameter names of the final linear layer contain this (DJL names blocks by type). */
  private static final String CLASSIFIER = "Linear";

  private PretrainedWeights() {}

  static void apply(Path channel, Block block, TrainingConfig config, PrintStream log)
      throws IOException {
    if (!Files.isRegularFile(channel.resolve(ModelManifest.FILE_NAME))) {
      throw new ClientError(
          "The 'pretrained' channel "
              + channel
              + " has no "
              + ModelManifest.FILE_NAME
              + "; give it the extracted model.tar.gz of an earlier classroom-ml training job"
              + " (manifest.json and model-0000.params)");
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
      Map<String, Parameter> all = Parameters.byName(block);
      if (config.freezePretrained()) {
        // The classifier stays trainable: it is what adapts to the new classes.
        copied.stream()
            .filter(name -> !name.contains(CLASSIFIER))
            .forEach(name -> all.get(name).freeze(true));
      }
      log.printf(
          "pretrained: %d of %d parameters copied from %s%s%n",
          copied.size(), all.size(), channel, config.freezePretrained() ? " and frozen" : "");
    }
  }
}
