package io.classroomml.datasets;

import java.util.List;

/**
 * The CIFAR-10 binary format exactly as published at <a
 * href="https://www.cs.toronto.edu/~kriz/cifar.html">cs.toronto.edu/~kriz/cifar.html</a>: files of
 * fixed-size records, each one label byte followed by the red, green and blue planes of a 32×32
 * image, row-major (so the pixels are already in CHW order).
 */
public final class Cifar10Format {

  /** Bytes of the label that starts each record. */
  public static final int LABEL_BYTES = 1;

  /** Images are square, this many pixels a side. */
  public static final int IMAGE_SIDE = 32;

  /** Red, green, blue planes, one after another. */
  public static final int CHANNELS = 3;

  /** 3 channels × 32 rows × 32 columns = 3,072 bytes of pixels per image. */
  public static final int IMAGE_BYTES = CHANNELS * IMAGE_SIDE * IMAGE_SIDE;

  /** 1 label byte + 3,072 pixel bytes = 3,073 bytes per record. */
  public static final int RECORD_BYTES = LABEL_BYTES + IMAGE_BYTES;

  /** Each published batch file holds this many records (generated files may hold any number). */
  public static final int RECORDS_PER_PUBLISHED_BATCH = 10_000;

  /** Labels are 0..9. */
  public static final int CLASS_COUNT = 10;

  /** The training set is {@code data_batch_1.bin} … {@code data_batch_5.bin}. */
  public static final int TRAIN_BATCH_COUNT = 5;

  /** The held-out batch. */
  public static final String TEST_BATCH = "test_batch.bin";

  /** Class names, one per line, in label order. */
  public static final String META_FILE = "batches.meta.txt";

  /** The folder the published archive extracts to. */
  public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

  /** The published archive's file name. */
  public static final String ARCHIVE_NAME = "cifar-10-binary.tar.gz";

  private Cifar10Format() {}

  /** {@code data_batch_<number>.bin}, number from 1 to {@link #TRAIN_BATCH_COUNT}. */
  public static String trainBatch(int number) {
    return "data_batch_" + number + ".bin";
  }

  /** All batch file names: the five training batches, then the test batch. */
  public static List<String> allBatches() {
    return List.of(
        trainBatch(1), trainBatch(2), trainBatch(3), trainBatch(4), trainBatch(5), TEST_BATCH);
  }
}
