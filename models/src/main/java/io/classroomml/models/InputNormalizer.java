package io.classroomml.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.classroomml.contract.ModelManifest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns uint8 NCHW pixels into the normalised float input the network was trained on, with the
 * per-channel statistics stored in the manifest, so training and serving cannot disagree.
 */
public final class InputNormalizer {

  private static final float PIXEL_MAX = 255f;

  private final int channels;
  private final int height;
  private final int width;
  private final float[] mean255;
  private final float[] std255;

  /** Normalises with {@code mean} and {@code std} given for pixels scaled to [0, 1]. */
  public InputNormalizer(int channels, int height, int width, List<Double> mean, List<Double> std) {
    if (mean.size() != channels || std.size() != channels) {
      throw new IllegalArgumentException(
          "mean and std need one value per channel ("
              + channels
              + "), got "
              + mean.size()
              + " and "
              + std.size());
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.mean255 = new float[channels];
    this.std255 = new float[channels];
    for (int c = 0; c < channels; c++) {
      mean255[c] = (float) (mean.get(c) * PIXEL_MAX);
      std255[c] = (float) (Math.max(std.get(c), 1e-6) * PIXEL_MAX);
    }
  }

  /** The normaliser a saved model was trained with. */
  public static InputNormalizer of(ModelManifest manifest) {
    return new InputNormalizer(
        manifest.channels(), manifest.height(), manifest.width(), manifest.mean(), manifest.std());
  }

  /** Bytes of one image. */
  public int imageBytes() {
    return channels * height * width;
  }

  /** The input shape for {@code count} images. */
  public Shape shape(long count) {
    return new Shape(count, channels, height, width);
  }

  /** Copies {@code count} images of uint8 CHW pixels from {@code pixels} into a uint8 array. */
  public NDArray pixels(NDManager manager, ByteBuffer pixels, int count) {
    return manager.create(pixels, shape(count), DataType.UINT8);
  }

  /** Normalises a uint8 (or float 0–255) NCHW array; the result lives on the input's manager. */
  public NDArray normalize(NDArray pixels) {
    NDManager manager = pixels.getManager();
    NDArray mean = manager.create(mean255, new Shape(1, channels, 1, 1));
    NDArray std = manager.create(std255, new Shape(1, channels, 1, 1));
    return pixels.toType(DataType.FLOAT32, false).sub(mean).div(std);
  }
}
