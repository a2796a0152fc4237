package io.classroomml.serving.codec;

import io.classroomml.serving.predict.InputShape;
import java.util.List;

/**
 * Decoded images ready for the model: {@code count} images of {@code shape}, uint8 CHW, back to
 * back.
 *
 * @param shape the geometry of each image
 * @param count how many images
 * @param pixels {@code count × shape.imageBytes()} bytes
 */
public record ImageBatch(InputShape shape, int count, byte[] pixels) {

  /** Checks that the pixel count matches. */
  public ImageBatch {
    if (pixels.length != (long) count * shape.imageBytes()) {
      throw new IllegalArgumentException(
          count + " images of " + shape + " need " + count * shape.imageBytes() + " bytes");
    }
  }

  /** Concatenates single images of {@code shape}. */
  public static ImageBatch of(InputShape shape, List<byte[]> images) {
    int bytes = shape.imageBytes();
    byte[] pixels = new byte[images.size() * bytes];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, pixels, i * bytes, bytes);
    }
    return new ImageBatch(shape, images.size(), pixels);
  }
}
