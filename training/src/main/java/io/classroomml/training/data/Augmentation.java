package io.classroomml.training.data;

import io.classroomml.datasets.ImageSet;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Random translation (a crop of the zero-padded image) and horizontal flip, applied while copying
 * each image into the batch buffer: one pass over the bytes, no intermediate images.
 *
 * @param crop whether to translate by up to {@code padding} pixels in each direction
 * @param padding maximum translation in pixels
 * @param flip whether to mirror half of the images
 */
public record Augmentation(boolean crop, int padding, boolean flip) {

  /** No augmentation (evaluation). */
  public static final Augmentation NONE = new Augmentation(false, 0, false);

  /** Copies images {@code indices} of {@code data}, augmented, into {@code out}. */
  public void fill(ImageSet data, int[] indices, SplittableRandom random, ByteBuffer out) {
    int c = data.channels();
    int h = data.height();
    int w = data.width();
    int imageBytes = data.imageBytes();
    byte[] src = data.pixels();
    byte[] row = new byte[w];
    for (int index : indices) {
      int dy = crop && padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
      int dx = crop && padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
      boolean mirror = flip && random.nextBoolean();
      int base = index * imageBytes;
      if (dy == 0 && dx == 0 && !mirror) {
        out.put(src, base, imageBytes);
        continue;
      }
      for (int ch = 0; ch < c; ch++) {
        int plane = base + ch * h * w;
        for (int y = 0; y < h; y++) {
          int sy = y + dy;
          if (sy < 0 || sy >= h) {
            java.util.Arrays.fill(row, (byte) 0);
          } else {
            shiftRow(src, plane + sy * w, w, dx, mirror, row);
          }
          out.put(row);
        }
      }
    }
  }

  /** Output row {@code x} = source row at {@code x + dx}, mirrored afterwards; zeros outside. */
  private static void shiftRow(byte[] src, int start, int w, int dx, boolean mirror, byte[] row) {
    for (int x = 0; x < w; x++) {
      int sx = x + dx;
      byte v = sx < 0 || sx >= w ? 0 : src[start + sx];
      row[mirror ? w - 1 - x : x] = v;
    }
  }
}
