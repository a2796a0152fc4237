package io.classroomml.serving.testing;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.classroomml.contract.ModelManifest;
import io.classroomml.models.Architecture;
import io.classroomml.models.InputNormalizer;
import io.classroomml.models.SavedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small CNN trained in-process to tell red, green and blue images apart, saved in the real model
 * format. Trained once per test JVM (a few seconds on CPU) and shared.
 */
public final class TinyModel {

  /** The classes, by output index: the dominant colour channel. */
  public static final List<String> CLASSES = List.of("red", "green", "blue");

  /** CIFAR-10 geometry. */
  public static final int CHANNELS = 3;

  public static final int SIDE = 32;

  private static final int STEPS = 40;
  private static final int BATCH = 24;

  private static Path trained;

  private TinyModel() {}

  /** The model directory (manifest + weights), trained on first use. */
  public static synchronized Path directory() {
    if (trained == null) {
      try {
        Path dir = Files.createTempDirectory("tiny-model");
        train(dir);
        trained = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return trained;
  }

  /** The manifest the model is saved with. */
  public static ModelManifest manifest() {
    return new ModelManifest(
        ModelManifest.FORMAT_VERSION,
        Architecture.SMALLCNN.id(),
        SavedModel.WEIGHTS_FILE,
        CHANNELS,
        SIDE,
        SIDE,
        List.of(0.35, 0.35, 0.35),
        List.of(0.3, 0.3, 0.3),
        CLASSES,
        Map.of("epochs", "1"),
        Map.of(),
        "PyTorch 2.5.1");
  }

  /** CHW pixels of a {@code SIDE}×{@code SIDE} image dominated by colour {@code cls}. */
  public static byte[] pixels(int cls, Random random) {
    byte[] chw = new byte[CHANNELS * SIDE * SIDE];
    for (int c = 0; c < CHANNELS; c++) {
      int base = c == cls ? 200 : 30;
      for (int i = 0; i < SIDE * SIDE; i++) {
        chw[c * SIDE * SIDE + i] = (byte) (base + random.nextInt(40));
      }
    }
    return chw;
  }

  /** An RGB image of {@code width}×{@code height} dominated by colour {@code cls}. */
  public static BufferedImage image(int cls, int width, int height, Random random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
          rgb[c] = (c == cls ? 200 : 30) + random.nextInt(40);
        }
        image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
      }
    }
    return image;
  }

  private static void train(Path dir) throws IOException {
    ModelManifest manifest = manifest();
    InputNormalizer normalizer = InputNormalizer.of(manifest);
    Random random = new Random(7);
    try (Model model = Model.newInstance(manifest.architecture(), "PyTorch")) {
      model.setBlock(Architecture.SMALLCNN.build(CHANNELS, CLASSES.size(), 0f));
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, CHANNELS, SIDE, SIDE));
        for (int step = 0; step < STEPS; step++) {
          try (NDManager batch = trainer.getManager().newSubManager()) {
            byte[] pixels = new byte[BATCH * CHANNELS * SIDE * SIDE];
            float[] labels = new float[BATCH];
            for (int i = 0; i < BATCH; i++) {
              int cls = random.nextInt(CLASSES.size());
              labels[i] = cls;
              System.arraycopy(pixels(cls, random), 0, pixels, i * 3072, 3072);
            }
            NDArray x =
                normalizer.normalize(normalizer.pixels(batch, ByteBuffer.wrap(pixels), BATCH));
            NDArray y = batch.create(labels);
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
              collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(logits)));
            }
            trainer.step();
          }
        }
      }
      SavedModel.save(model, manifest, dir);
    }
  }
}
