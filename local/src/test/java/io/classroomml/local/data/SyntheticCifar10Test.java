package io.classroomml.local.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.Cifar10Format;
import io.classroomml.datasets.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCifar10Test {

  @TempDir Path dir;

  @Test
  void write_producesTheExactCifar10FileSet() throws IOException {
    SyntheticCifar10.write(dir, 3, 2, 7);

    // 30 training records over five files (6 each), 20 test records, 3,073 bytes a record
    for (int b = 1; b <= 5; b++) {
      assertThat(Files.size(dir.resolve("data_batch_" + b + ".bin"))).isEqualTo(6 * 3073L);
    }
    assertThat(Files.size(dir.resolve("test_batch.bin"))).isEqualTo(20 * 3073L);
    assertThat(Files.readAllLines(dir.resolve("batches.meta.txt")))
        .isEqualTo(SyntheticCifar10.CLASS_NAMES);
  }

  @Test
  void write_unevenCount_spreadsRecordsOverTheBatches() throws IOException {
    SyntheticCifar10.write(dir, 1, 0, 7); // 10 records: 2 per batch
    SyntheticCifar10.write(dir.resolve("b"), 2, 0, 7); // 20 records: 4 per batch
    assertThat(Files.size(dir.resolve("data_batch_5.bin"))).isEqualTo(2 * 3073L);
    assertThat(Files.size(dir.resolve("b/data_batch_1.bin"))).isEqualTo(4 * 3073L);
    assertThat(Files.size(dir.resolve("test_batch.bin"))).isZero();
  }

  @Test
  void write_isReadBackByTheCifarReaderWithBalancedClasses() throws IOException {
    SyntheticCifar10.write(dir, 20, 5, 1);

    ChannelData data = ChannelReader.read(dir, 32);

    ImageSet train = data.train().orElseThrow();
    assertThat(train.size()).isEqualTo(200);
    assertThat(train.classNames()).isEqualTo(SyntheticCifar10.CLASS_NAMES);
    int[] perClass = new int[10];
    Arrays.stream(train.labels()).forEach(label -> perClass[label]++);
    assertThat(perClass).containsOnly(20);
    assertThat(data.test().orElseThrow().size()).isEqualTo(50);
    assertThat(data.warnings()).isEmpty();
  }

  @Test
  void write_sameSeedGivesSameBytes_otherSeedOtherBytes() throws IOException {
    SyntheticCifar10.write(dir.resolve("a"), 4, 2, 42);
    SyntheticCifar10.write(dir.resolve("b"), 4, 2, 42);
    SyntheticCifar10.write(dir.resolve("c"), 4, 2, 43);

    for (String name : Cifar10Format.allBatches()) {
      byte[] a = Files.readAllBytes(dir.resolve("a").resolve(name));
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).isEqualTo(a);
      assertThat(Files.readAllBytes(dir.resolve("c").resolve(name))).isNotEqualTo(a);
    }
  }

  @Test
  void generate_trainAndTestDiffer() {
    ImageSet train = SyntheticCifar10.generate(2, 5);
    ImageSet again = SyntheticCifar10.generate(2, 5);
    assertThat(again).isEqualTo(train);
    assertThat(SyntheticCifar10.generate(2, 5 ^ 0x9E3779B97F4A7C15L)).isNotEqualTo(train);
  }

  @Test
  void generate_classesAreSeparableByANearestMeanClassifier() {
    // Not a CNN, but a floor: a nearest-class-mean on five position-free edge statistics
    // classifies held-out images well above the 10% of chance, so the classes carry signal in
    // their structure; and far from perfectly, so the task is not trivial.
    ImageSet train = SyntheticCifar10.generate(200, 11);
    ImageSet test = SyntheticCifar10.generate(50, 12);
    double accuracy = nearestMeanAccuracy(train, test, true);
    assertThat(accuracy).isBetween(0.18, 0.9); // measured: 0.232 for these seeds
  }

  @Test
  void generate_colourAloneDoesNotGiveTheClassAway() {
    ImageSet train = SyntheticCifar10.generate(200, 11);
    ImageSet test = SyntheticCifar10.generate(50, 12);
    // mean colour per image (3 numbers): about chance
    assertThat(nearestMeanAccuracy(train, test, false)).isLessThan(0.2);
  }

  /** Nearest class mean on edge features (spatial) or on mean colour only. */
  private static double nearestMeanAccuracy(ImageSet train, ImageSet test, boolean spatial) {
    int features = spatial ? 5 : 3;
    double[][] means = new double[10][features];
    int[] counts = new int[10];
    for (int i = 0; i < train.size(); i++) {
      double[] f = features(train, i, spatial);
      int label = train.labels()[i];
      counts[label]++;
      for (int k = 0; k < features; k++) {
        means[label][k] += f[k];
      }
    }
    for (int c = 0; c < 10; c++) {
      for (int k = 0; k < features; k++) {
        means[c][k] /= counts[c];
      }
    }
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      double[] f = features(test, i, spatial);
      int best = 0;
      double bestDistance = Double.MAX_VALUE;
      for (int c = 0; c < 10; c++) {
        double d = 0;
        for (int k = 0; k < features; k++) {
          d += (f[k] - means[c][k]) * (f[k] - means[c][k]);
        }
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      correct += best == test.labels()[i] ? 1 : 0;
    }
    return (double) correct / test.size();
  }

  /**
   * Spatial: the share of edge energy along x, along y and along both diagonals of the grey image,
   * and the mean edge energy; independent of where the shape is.
   */
  private static double[] features(ImageSet set, int image, boolean spatial) {
    byte[] p = set.pixels();
    int base = image * set.imageBytes();
    if (!spatial) {
      double[] mean = new double[3];
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 1024; i++) {
          mean[c] += (p[base + c * 1024 + i] & 0xff) / 1024.0;
        }
      }
      return mean;
    }
    double[] grey = new double[1024];
    for (int i = 0; i < 1024; i++) {
      grey[i] =
          ((p[base + i] & 0xff) + (p[base + 1024 + i] & 0xff) + (p[base + 2048 + i] & 0xff)) / 3.0;
    }
    double[] energy = new double[4];
    for (int y = 0; y < 31; y++) {
      for (int x = 1; x < 31; x++) {
        double v = grey[y * 32 + x];
        energy[0] += Math.abs(v - grey[y * 32 + x + 1]);
        energy[1] += Math.abs(v - grey[(y + 1) * 32 + x]);
        energy[2] += Math.abs(v - grey[(y + 1) * 32 + x + 1]);
        energy[3] += Math.abs(v - grey[(y + 1) * 32 + x - 1]);
      }
    }
    double total = energy[0] + energy[1] + energy[2] + energy[3];
    return new double[] {
      energy[0] / total, energy[1] / total, energy[2] / total, energy[3] / total, total / 40_000
    };
  }
}
