package io.classroomml.local.data;

import static io.classroomml.datasets.Cifar10Format.CHANNELS;
import static io.classroomml.datasets.Cifar10Format.CLASS_COUNT;
import static io.classroomml.datasets.Cifar10Format.IMAGE_BYTES;
import static io.classroomml.datasets.Cifar10Format.IMAGE_SIDE;
import static io.classroomml.datasets.Cifar10Format.TRAIN_BATCH_COUNT;

import io.classroomml.datasets.Cifar10Format;
import io.classroomml.datasets.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a small, learnable data set in the exact CIFAR-10 binary format ({@code data_batch_1.bin}
 * … {@code data_batch_5.bin}, {@code test_batch.bin}, {@code batches.meta.txt}).
 *
 * <p>Local mode's data when no real data exists (so it lives here, not in the containers' {@code
 * datasets}); the training and end-to-end tests take it as a test dependency. Each image is a shape
 * or texture (the class) in a random colour, at a random position and size, on a random gradient
 * background, with Gaussian noise: a small CNN learns it well above chance within an epoch or two,
 * but it is not solved by a colour histogram. Deterministic for a seed: the same seed gives the
 * same bytes on every machine ({@link Random} is specified to the bit, and only arithmetic, no
 * {@code Graphics2D}, draws the shapes).
 */
public final class SyntheticCifar10 {

  /** Class names, in label order; written to {@code batches.meta.txt}. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "disc",
          "square",
          "triangle",
          "ring",
          "plus",
          "cross",
          "horizontal-stripes",
          "vertical-stripes",
          "diagonal-stripes",
          "checkerboard");

  private static final int SIDE = IMAGE_SIDE;
  private static final int MIN_RADIUS = 5;
  private static final int MAX_RADIUS = 12;
  private static final int MIN_TEXTURE_SIDE = 14;
  private static final int MIN_HALF_PERIOD = 1;
  private static final int MAX_HALF_PERIOD = 3;

  /** Foreground and background differ at least this much (Euclidean RGB), so shapes show. */
  private static final double MIN_CONTRAST = 90;

  private static final double MAX_GRADIENT = 40;
  private static final double MIN_NOISE = 4;
  private static final double MAX_NOISE = 24;
  private static final long TEST_SEED_SALT = 0x9E3779B97F4A7C15L;

  private SyntheticCifar10() {}

  /**
   * Writes the data set into {@code dir} (created if needed).
   *
   * @param trainImagesPerClass images per class in the training batches (at least 1), spread over
   *     the five batch files
   * @param testImagesPerClass images per class in {@code test_batch.bin} (0 writes an empty file)
   * @param seed same seed, same bytes
   */
  public static void write(Path dir, int trainImagesPerClass, int testImagesPerClass, long seed)
      throws IOException {
    if (trainImagesPerClass < 1 || testImagesPerClass < 0) {
      throw new IllegalArgumentException(
          "need at least 1 training image per class and no negative test count, got "
              + trainImagesPerClass
              + " and "
              + testImagesPerClass);
    }
    Files.createDirectories(dir);
    ImageSet train = generate(trainImagesPerClass, seed);
    int total = train.size();
    int start = 0;
    for (int batch = 1; batch <= TRAIN_BATCH_COUNT; batch++) {
      // spread evenly; the first (total % 5) batches take one record more
      int count = total / TRAIN_BATCH_COUNT + (batch <= total % TRAIN_BATCH_COUNT ? 1 : 0);
      ChannelWriter.writeCifarBatch(
          train, start, start + count, dir.resolve(Cifar10Format.trainBatch(batch)));
      start += count;
    }
    ImageSet test = generate(testImagesPerClass, seed ^ TEST_SEED_SALT);
    ChannelWriter.writeCifarBatch(test, 0, test.size(), dir.resolve(Cifar10Format.TEST_BATCH));
    ChannelWriter.writeCifarMeta(CLASS_NAMES, dir);
  }

  /** The images themselves, in memory: {@code imagesPerClass × 10}, classes shuffled. */
  public static ImageSet generate(int imagesPerClass, long seed) {
    Random random = new Random(seed);
    int count = imagesPerClass * CLASS_COUNT;
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % CLASS_COUNT;
    }
    for (int i = count - 1; i > 0; i--) { // Fisher-Yates, spelled out so it never changes
      int j = random.nextInt(i + 1);
      int swap = labels[i];
      labels[i] = labels[j];
      labels[j] = swap;
    }
    byte[] pixels = new byte[count * IMAGE_BYTES];
    for (int i = 0; i < count; i++) {
      draw(labels[i], random, pixels, i * IMAGE_BYTES);
    }
    return new ImageSet(pixels, labels, CHANNELS, SIDE, SIDE, CLASS_NAMES);
  }

  /** Draws one image of class {@code label} into {@code out} (CHW) at {@code offset}. */
  private static void draw(int label, Random random, byte[] out, int offset) {
    double[] background = randomColour(random);
    double[] foreground = randomColour(random);
    while (distance(background, foreground) < MIN_CONTRAST) {
      foreground = randomColour(random);
    }
    double gradientX = (random.nextDouble() * 2 - 1) * MAX_GRADIENT / SIDE;
    double gradientY = (random.nextDouble() * 2 - 1) * MAX_GRADIENT / SIDE;
    double noise = MIN_NOISE + random.nextDouble() * (MAX_NOISE - MIN_NOISE);
    Shape shape = Shape.random(label, random);
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        boolean inside = shape.contains(x + 0.5, y + 0.5);
        double shade = (x - SIDE / 2.0) * gradientX + (y - SIDE / 2.0) * gradientY;
        for (int c = 0; c < CHANNELS; c++) {
          double base = inside ? foreground[c] : background[c] + shade;
          double v = base + random.nextGaussian() * noise;
          out[offset + (c * SIDE + y) * SIDE + x] =
              (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
  }

  private static double[] randomColour(Random random) {
    return new double[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int c = 0; c < a.length; c++) {
      sum += (a[c] - b[c]) * (a[c] - b[c]);
    }
    return Math.sqrt(sum);
  }

  /**
   * One class's shape with its random placement: centre and radius for the figures, a rectangle,
   * period and phase for the textures.
   */
  private record Shape(int kind, double cx, double cy, double r, Rect area, int half, int phase) {

    private record Rect(double x0, double y0, double x1, double y1) {
      boolean contains(double x, double y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
      }
    }

    static Shape random(int kind, Random random) {
      double r = MIN_RADIUS + random.nextDouble() * (MAX_RADIUS - MIN_RADIUS);
      double cx = r + random.nextDouble() * (SIDE - 2 * r);
      double cy = r + random.nextDouble() * (SIDE - 2 * r);
      int w = MIN_TEXTURE_SIDE + random.nextInt(SIDE - MIN_TEXTURE_SIDE + 1);
      int h = MIN_TEXTURE_SIDE + random.nextInt(SIDE - MIN_TEXTURE_SIDE + 1);
      int x0 = random.nextInt(SIDE - w + 1);
      int y0 = random.nextInt(SIDE - h + 1);
      int half = MIN_HALF_PERIOD + random.nextInt(MAX_HALF_PERIOD - MIN_HALF_PERIOD + 1);
      int phase = random.nextInt(2 * half);
      return new Shape(kind, cx, cy, r, new Rect(x0, y0, x0 + w, y0 + h), half, phase);
    }

    boolean contains(double x, double y) {
      double dx = x - cx;
      double dy = y - cy;
      double ax = Math.abs(dx);
      double ay = Math.abs(dy);
      int px = (int) Math.floor(x);
      int py = (int) Math.floor(y);
      return switch (kind) {
        case 0 -> dx * dx + dy * dy <= r * r; // disc
        case 1 -> ax <= r * 0.8 && ay <= r * 0.8; // square
        case 2 -> ay <= r && ax <= (dy + r) / 2; // triangle, apex up
        case 3 -> { // ring
          double d2 = dx * dx + dy * dy;
          yield d2 <= r * r && d2 >= (r * 0.55) * (r * 0.55);
        }
        case 4 -> (ax <= r * 0.3 && ay <= r) || (ay <= r * 0.3 && ax <= r); // plus
        case 5 ->
            ax <= r && ay <= r && (Math.abs(dx - dy) <= r * 0.4 || Math.abs(dx + dy) <= r * 0.4);
        case 6 -> area.contains(x, y) && band(py + phase);
        case 7 -> area.contains(x, y) && band(px + phase);
        case 8 -> area.contains(x, y) && band(px + py + phase);
        case 9 ->
            area.contains(x, y) // checkerboard
                && Math.floorMod(
                        Math.floorDiv(px + phase, half) + Math.floorDiv(py + phase, half), 2)
                    == 0;
        default -> throw new IllegalArgumentException("no shape for class " + kind);
      };
    }

    /** Alternating bands {@code half} pixels wide. */
    private boolean band(int position) {
      return Math.floorMod(position, 2 * half) < half;
    }
  }
}
