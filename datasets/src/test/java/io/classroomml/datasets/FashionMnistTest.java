package io.classroomml.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.testing.Requirements;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}. */
class FashionMnistTest {

  @Test
  void read_debianFashionMnist_givesTheFullTrainAndTestSets() throws IOException {
    ChannelData data = ChannelReader.read(Requirements.fashionMnist(), 32);

    assertThat(data.format()).isEqualTo(DataFormat.IDX);
    ImageSet train = data.train().orElseThrow();
    ImageSet test = data.test().orElseThrow();
    assertThat(train.size()).isEqualTo(60_000);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(train.geometry()).isEqualTo("1x28x28");
    assertThat(test.geometry()).isEqualTo("1x28x28");
    assertThat(train.classNames()).isEqualTo(ClassNames.FASHION_MNIST);
    assertThat(Arrays.stream(train.labels()).min().orElseThrow()).isZero();
    assertThat(Arrays.stream(train.labels()).max().orElseThrow()).isEqualTo(9);
    // balanced as published: 6,000 images per class
    int[] perClass = new int[10];
    Arrays.stream(train.labels()).forEach(label -> perClass[label]++);
    assertThat(perClass).containsOnly(6_000);
    // the images are real pictures, not blank: many distinct grey levels
    assertThat(countDistinct(train.pixels())).isGreaterThan(200);
  }

  private static long countDistinct(byte[] pixels) {
    boolean[] seen = new boolean[256];
    for (byte p : pixels) {
      seen[p & 0xff] = true;
    }
    long n = 0;
    for (boolean s : seen) {
      n += s ? 1 : 0;
    }
    return n;
  }
}
