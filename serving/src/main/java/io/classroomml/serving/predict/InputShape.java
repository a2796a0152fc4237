package io.classroomml.serving.predict;

import io.classroomml.contract.ModelManifest;

/**
 * The geometry of one model input image: channels × height × width, bytes in CHW order.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param height rows
 * @param width columns
 */
public record InputShape(int channels, int height, int width) {

  /** Checks that every side is positive. */
  public InputShape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
  }

  /** The shape a saved model expects. */
  public static InputShape of(ModelManifest manifest) {
    return new InputShape(manifest.channels(), manifest.height(), manifest.width());
  }

  /** Bytes of one image: channels × height × width. */
  public int imageBytes() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
