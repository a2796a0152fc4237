package io.classroomml.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.datasets.ImageSet;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

  /** One 1×3×4 image whose pixel value is 10·y + x + 1. */
  private static ImageSet ramp() {
    byte[] px = new byte[12];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        px[y * 4 + x] = (byte) (10 * y + x + 1);
      }
    }
    return new ImageSet(px, new int[] {0}, 1, 3, 4, List.of("a", "b"));
  }

  private static byte[] apply(Augmentation augmentation, long seed) {
    ByteBuffer out = ByteBuffer.allocate(12);
    augmentation.fill(ramp(), new int[] {0}, new SplittableRandom(seed), out);
    return out.array();
  }

  @Test
  void withoutAugmentationPixelsAreCopied() {
    assertThat(apply(Augmentation.NONE, 1)).isEqualTo(ramp().pixels());
  }

  @Test
  void flipMirrorsEveryRow() {
    byte[] flipped = null;
    for (long seed = 0; flipped == null; seed++) {
      byte[] out = apply(new Augmentation(false, 0, true), seed);
      if (out[0] != 1) {
        flipped = out;
      }
    }
    assertThat(flipped).containsExactly(4, 3, 2, 1, 14, 13, 12, 11, 24, 23, 22, 21);
  }

  @Test
  void cropTranslatesWithZeroPadding() {
    Augmentation crop = new Augmentation(true, 1, false);
    boolean sawShift = false;
    for (long seed = 0; seed < 50; seed++) {
      byte[] out = apply(crop, seed);
      // Every output pixel is either 0 (padding) or the source pixel one step away at most.
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          int v = out[y * 4 + x];
          if (v != 0) {
            int sy = (v - 1) / 10;
            int sx = (v - 1) % 10;
            assertThat(Math.abs(sy - y)).isLessThanOrEqualTo(1);
            assertThat(Math.abs(sx - x)).isLessThanOrEqualTo(1);
            sawShift |= sy != y || sx != x;
          }
        }
      }
    }
    assertThat(sawShift).isTrue();
  }

  @Test
  void theSameSeedGivesTheSameImage() {
    Augmentation both = new Augmentation(true, 2, true);

    assertThat(apply(both, 99)).isEqualTo(apply(both, 99));
  }
}
