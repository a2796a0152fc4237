package io.classroomml.local.data;

import io.classroomml.datasets.Cifar10Format;
import io.classroomml.datasets.IdxReader;
import io.classroomml.datasets.ImageSet;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes images into a channel folder in a format the trainer reads: 3×32×32 colour images as
 * CIFAR-10 binary batches, anything else as IDX files (the MNIST layout) with {@code classes.txt}.
 * Local mode uses it to give a job a subset of a data set, so the default run stays short.
 */
public final class ChannelWriter {

  private ChannelWriter() {}

  /**
   * Writes {@code images} into {@code dir} as training files ({@code test == false}) or as test
   * files ({@code test_batch.bin}, {@code t10k-*}).
   */
  public static void write(ImageSet images, Path dir, boolean test) throws IOException {
    Files.createDirectories(dir);
    if (isCifarGeometry(images)) {
      String file = test ? Cifar10Format.TEST_BATCH : Cifar10Format.trainBatch(1);
      writeCifarBatch(images, 0, images.size(), dir.resolve(file));
      writeCifarMeta(images.classNames(), dir);
      return;
    }
    if (images.channels() != 1) {
      throw new IllegalArgumentException(
          "only grey images or 3x32x32 colour images can be written, got " + images.geometry());
    }
    String prefix = test ? "t10k" : "train";
    try (DataOutputStream out = open(dir.resolve(prefix + "-images-idx3-ubyte"))) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(images.size());
      out.writeInt(images.height());
      out.writeInt(images.width());
      out.write(images.pixels(), 0, images.size() * images.imageBytes());
    }
    try (DataOutputStream out = open(dir.resolve(prefix + "-labels-idx1-ubyte"))) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(images.size());
      for (int label : images.labels()) {
        out.writeByte(label);
      }
    }
    Files.writeString(
        dir.resolve(IdxReader.CLASSES_FILE),
        String.join("\n", images.classNames()) + "\n",
        StandardCharsets.UTF_8);
  }

  /** Images {@code from} (inclusive) to {@code to} as one CIFAR-10 batch file of records. */
  static void writeCifarBatch(ImageSet images, int from, int to, Path file) throws IOException {
    try (DataOutputStream out = open(file)) {
      for (int i = from; i < to; i++) {
        out.write(record(images, i));
      }
    }
  }

  /** CIFAR-10's {@code batches.meta.txt} in {@code dir}: one class name a line, in label order. */
  static void writeCifarMeta(List<String> classNames, Path dir) throws IOException {
    Files.writeString(
        dir.resolve(Cifar10Format.META_FILE),
        String.join("\n", classNames) + "\n",
        StandardCharsets.UTF_8);
  }

  /** One image as the inference server's raw record: a label byte, then C×H×W pixels. */
  public static byte[] record(ImageSet images, int index) {
    int bytes = images.imageBytes();
    byte[] record = new byte[1 + bytes];
    record[0] = (byte) images.labels()[index];
    System.arraycopy(images.pixels(), index * bytes, record, 1, bytes);
    return record;
  }

  private static boolean isCifarGeometry(ImageSet images) {
    return images.channels() == Cifar10Format.CHANNELS
        && images.height() == Cifar10Format.IMAGE_SIDE
        && images.width() == Cifar10Format.IMAGE_SIDE;
  }

  private static DataOutputStream open(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }
}
