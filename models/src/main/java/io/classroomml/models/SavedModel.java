package io.classroomml.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.classroomml.contract.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model on disk: DJL parameters ({@value #WEIGHTS_PREFIX}{@code -0000.params}) plus the
 * contract's {@code manifest.json}. This is what the training container writes to {@code
 * /opt/ml/model} and the inference container loads from it.
 */
public final class SavedModel implements AutoCloseable {

  /** DJL names the parameter file {@code <prefix>-<epoch>.params}. */
  public static final String WEIGHTS_PREFIX = "model";

  /** The parameter file name {@link #save} writes. */
  public static final String WEIGHTS_FILE = WEIGHTS_PREFIX + "-0000.params";

  private final ModelManifest manifest;
  private final Model model;

  private SavedModel(ModelManifest manifest, Model model) {
    this.manifest = manifest;
    this.model = model;
  }

  /** Loads the model in {@code modelDir} on the default device. */
  public static SavedModel load(Path modelDir) throws IOException {
    return load(modelDir, Engine.getEngine("PyTorch").defaultDevice());
  }

  /** Loads the model in {@code modelDir} onto {@code device}, ready for inference. */
  public static SavedModel load(Path modelDir, Device device) throws IOException {
    ModelManifest manifest = ModelManifest.readFrom(modelDir);
    Architecture architecture =
        Architecture.byId(manifest.architecture())
            .orElseThrow(
                () ->
                    new IOException(
                        modelDir.resolve(ModelManifest.FILE_NAME)
                            + ": architecture '"
                            + manifest.architecture()
                            + "' is unknown to this build; known: "
                            + Architecture.ids()));
    Path weights = modelDir.resolve(manifest.weightsFile());
    if (!Files.isRegularFile(weights)) {
      throw new IOException(
          weights + " is missing: the manifest names it as the weights file (weightsFile)");
    }
    Block block = architecture.build(manifest.channels(), manifest.classNames().size(), 0f);
    Model model = Model.newInstance(manifest.architecture(), device, "PyTorch");
    try {
      model.setBlock(block);
      String prefix = manifest.weightsFile().replaceFirst("-\\d{4}\\.params$", "");
      model.load(modelDir, prefix);
      checkForward(model, manifest);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException(
          weights + " does not hold " + manifest.architecture() + " weights: " + e.getMessage(), e);
    }
    return new SavedModel(manifest, model);
  }

  /**
   * Runs one zero image through the network: DJL reads a parameter file of the wrong shapes without
   * complaint, and this turns that into an error at load time instead of at the first request.
   */
  private static void checkForward(Model model, ModelManifest manifest) {
    try (NDManager scratch = model.getNDManager().newSubManager()) {
      NDArray zeros =
          scratch.zeros(new Shape(1, manifest.channels(), manifest.height(), manifest.width()));
      Shape out =
          model
              .getBlock()
              .forward(new ParameterStore(scratch, false), new NDList(zeros), false)
              .singletonOrThrow()
              .getShape();
      if (out.get(out.dimension() - 1) != manifest.classNames().size()) {
        throw new IllegalStateException(
            "the network has "
                + out.get(out.dimension() - 1)
                + " outputs but the manifest lists "
                + manifest.classNames().size()
                + " classes");
      }
    }
  }

  /**
   * Writes {@code model}'s parameters and {@code manifest} into {@code modelDir}. The manifest must
   * name {@link #WEIGHTS_FILE} as its weights file.
   */
  public static void save(Model model, ModelManifest manifest, Path modelDir) throws IOException {
    if (!WEIGHTS_FILE.equals(manifest.weightsFile())) {
      throw new IllegalArgumentException("manifest.weightsFile must be " + WEIGHTS_FILE);
    }
    Files.createDirectories(modelDir);
    model.setProperty("Epoch", "0");
    model.save(modelDir, WEIGHTS_PREFIX);
    manifest.writeTo(modelDir);
  }

  /** The input shape of one image. */
  public Shape imageShape() {
    return new Shape(manifest.channels(), manifest.height(), manifest.width());
  }

  /** What the model was trained on and with. */
  public ModelManifest manifest() {
    return manifest;
  }

  /** The DJL model, with its block and loaded parameters. */
  public Model model() {
    return model;
  }

  @Override
  public void close() {
    model.close();
  }
}
