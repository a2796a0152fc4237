package io.classroomml.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files as published for MNIST and Fashion-MNIST (<a
 * href="http://yann.lecun.com/exdb/mnist/">format description</a>), gzipped or raw: {@code
 * train-images-idx3-ubyte[.gz]} + {@code train-labels-idx1-ubyte[.gz]} are the training set, the
 * {@code t10k-} pair the test set.
 *
 * <p>All numbers are big-endian. Whether a file is gzipped is decided by its first two bytes, not
 * its name (browsers sometimes unpack a download and keep the {@code .gz}). Byte offsets in errors
 * count from the start of the uncompressed data.
 *
 * <p>Kept as one class (~380 lines) on purpose: the header layout, the published file names and the
 * offset-naming errors are one format, and every check reads the constants above.
 */
public final class IdxReader {

  /** 0x08 = unsigned byte data, 3 dimensions (count, rows, columns). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** 0x08 = unsigned byte data, 1 dimension (count). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** Where the item count sits in both kinds of file (after the 4-byte magic number). */
  public static final int COUNT_OFFSET = 4;

  /** Where the row count sits in an image file. */
  public static final int ROWS_OFFSET = 8;

  /** Where the column count sits in an image file. */
  public static final int COLUMNS_OFFSET = 12;

  /** magic + count + rows + columns, four 4-byte integers. */
  public static final int IMAGES_HEADER_BYTES = 16;

  /** magic + count, two 4-byte integers. */
  public static final int LABELS_HEADER_BYTES = 8;

  /** One class name per line, in label order; overrides the defaults. */
  public static final String CLASSES_FILE = "classes.txt";

  /** Both file kinds of both splits, with or without {@code .gz}; MNIST mirrors also use a dot. */
  static final Pattern FILE_NAME =
      Pattern.compile("(train|t10k)-(images|labels)[-.]idx([13])-ubyte(\\.gz)?");

  private static final int GZIP_MAGIC = 0x8b1f; // bytes 1f 8b, read little-endian
  private static final int READ_BUFFER = 1 << 20;

  private IdxReader() {}

  /** Whether {@code fileName} is one of the IDX file names we read. */
  static boolean isIdxName(String fileName) {
    return FILE_NAME.matcher(fileName).matches();
  }

  /** Reads the train and t10k pairs present in {@code dir}. */
  public static ChannelData readDirectory(Path dir) throws IOException {
    List<String> warnings = new ArrayList<>();
    Optional<Pair> train = pair(dir, "train", warnings);
    Optional<Pair> test = pair(dir, "t10k", warnings);
    List<String> classNames = classNames(dir, train.or(() -> test).map(Pair::labels));
    Optional<ImageSet> trainSet = Optional.empty();
    Optional<ImageSet> testSet = Optional.empty();
    if (train.isPresent()) {
      trainSet = Optional.of(read(train.get().images, train.get().labels, classNames));
    }
    if (test.isPresent()) {
      testSet = Optional.of(read(test.get().images, test.get().labels, classNames));
    }
    if (trainSet.isPresent() && testSet.isPresent()) {
      ImageSet a = trainSet.get();
      ImageSet b = testSet.get();
      if (a.height() != b.height() || a.width() != b.width()) {
        throw new DataFormatException(
            test.get().images,
            "holds "
                + b.height()
                + "x"
                + b.width()
                + " images but "
                + train.get().images.getFileName()
                + " holds "
                + a.height()
                + "x"
                + a.width()
                + " images",
            "use train and test files from the same data set");
      }
    }
    return new ChannelData(DataFormat.IDX, trainSet, testSet, warnings);
  }

  /**
   * Reads one images file and its labels file.
   *
   * @param images an {@code idx3-ubyte} file (magic {@code 0x00000803})
   * @param labels the matching {@code idx1-ubyte} file (magic {@code 0x00000801})
   * @param classNames class names; every label must index into them
   */
  public static ImageSet read(Path images, Path labels, List<String> classNames)
      throws IOException {
    int[] labelValues = readLabels(labels, classNames);
    try {
      return readImages(images, labels, labelValues, classNames);
    } catch (ZipException | EOFException e) {
      throw damagedGzip(images, e);
    }
  }

  private static ImageSet readImages(
      Path images, Path labels, int[] labelValues, List<String> classNames) throws IOException {
    try (DataInputStream in = open(images)) {
      int magic = readHeaderInt(in, images, 0);
      checkMagic(magic, IMAGES_MAGIC, images, "an images file (idx3-ubyte)");
      int count = readHeaderInt(in, images, COUNT_OFFSET);
      int rows = readHeaderInt(in, images, ROWS_OFFSET);
      int columns = readHeaderInt(in, images, COLUMNS_OFFSET);
      if (count != labelValues.length) {
        throw new DataFormatException(
            images,
            COUNT_OFFSET,
            images.getFileName()
                + " declares "
                + count
                + " images but "
                + labels.getFileName()
                + " declares "
                + labelValues.length
                + " labels",
            "use an images file and a labels file from the same split of the same data set");
      }
      if (rows < 1 || columns < 1 || (long) count * rows * columns > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(
            images,
            ROWS_OFFSET,
            "declares " + count + " images of " + rows + "x" + columns + " pixels",
            "check that this is an IDX images file; image sides must be at least 1");
      }
      int imageBytes = rows * columns;
      byte[] pixels = new byte[count * imageBytes];
      int read = in.readNBytes(pixels, 0, pixels.length);
      if (read < pixels.length) {
        throw new DataFormatException(
            images,
            IMAGES_HEADER_BYTES + (long) (read / imageBytes) * imageBytes,
            "the file ends inside image "
                + read / imageBytes
                + " of the "
                + count
                + " it declares (truncated)",
            "upload the file again, complete");
      }
      requireEnd(in, images, IMAGES_HEADER_BYTES + (long) pixels.length, count + " images");
      return new ImageSet(pixels, labelValues, 1, rows, columns, classNames);
    }
  }

  private static int[] readLabels(Path labels, List<String> classNames) throws IOException {
    try {
      return readLabelValues(labels, classNames);
    } catch (ZipException | EOFException e) {
      throw damagedGzip(labels, e);
    }
  }

  private static DataFormatException damagedGzip(Path file, IOException cause) {
    return new DataFormatException(
        file,
        -1,
        "is damaged or truncated gzip data (" + cause.getMessage() + ")",
        "upload the file again, complete",
        cause);
  }

  private static int[] readLabelValues(Path labels, List<String> classNames) throws IOException {
    try (DataInputStream in = open(labels)) {
      int magic = readHeaderInt(in, labels, 0);
      checkMagic(magic, LABELS_MAGIC, labels, "a labels file (idx1-ubyte)");
      int count = readHeaderInt(in, labels, COUNT_OFFSET);
      if (count < 0) {
        throw new DataFormatException(
            labels, COUNT_OFFSET, "declares " + count + " labels", "upload a valid labels file");
      }
      byte[] bytes = new byte[count];
      int read = in.readNBytes(bytes, 0, count);
      if (read < count) {
        throw new DataFormatException(
            labels,
            LABELS_HEADER_BYTES + (long) read,
            "the file ends after " + read + " of the " + count + " labels it declares (truncated)",
            "upload the file again, complete");
      }
      requireEnd(in, labels, LABELS_HEADER_BYTES + (long) count, count + " labels");
      int[] values = new int[count];
      for (int i = 0; i < count; i++) {
        values[i] = bytes[i] & 0xff;
        if (values[i] >= classNames.size()) {
          throw new DataFormatException(
              labels,
              LABELS_HEADER_BYTES + (long) i,
              "label "
                  + i
                  + " is "
                  + values[i]
                  + " but there are "
                  + classNames.size()
                  + " classes "
                  + classNames,
              "list every class, one per line, in " + CLASSES_FILE + " next to the IDX files");
        }
      }
      return values;
    }
  }

  /** Opens {@code file}, unzipping it when it starts with the gzip magic bytes. */
  private static DataInputStream open(Path file) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER);
    raw.mark(2);
    int first = raw.read();
    int second = raw.read();
    raw.reset();
    boolean gzipped = first >= 0 && second >= 0 && (first | second << 8) == GZIP_MAGIC;
    try {
      InputStream in = gzipped ? new GZIPInputStream(raw, READ_BUFFER) : raw;
      return new DataInputStream(gzipped ? new BufferedInputStream(in, READ_BUFFER) : in);
    } catch (ZipException e) {
      raw.close();
      throw new DataFormatException(
          file, 0, "has a damaged gzip header", "upload the file again", e);
    }
  }

  private static int readHeaderInt(DataInputStream in, Path file, int offset) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataFormatException(
          file,
          offset,
          "the file ends inside its IDX header",
          "upload the complete file; an IDX file starts with a 16-byte (images) or 8-byte"
              + " (labels) header");
    }
  }

  private static void checkMagic(int magic, int expected, Path file, String what)
      throws DataFormatException {
    if (magic != expected) {
      throw new DataFormatException(
          file,
          0,
          String.format(
              Locale.ROOT,
              "starts with magic number 0x%08X but %s starts with 0x%08X",
              magic,
              what,
              expected),
          "check that the images and labels files are not swapped or renamed, and that the file is"
              + " IDX (MNIST/Fashion-MNIST format)");
    }
  }

  private static void requireEnd(DataInputStream in, Path file, long offset, String declared)
      throws IOException {
    if (in.read() >= 0) {
      throw new DataFormatException(
          file,
          offset,
          "has data after the " + declared + " its header declares",
          "upload the original file; its header and its length disagree");
    }
  }

  private record Pair(Path images, Path labels) {}

  /** The images/labels pair for {@code split}, or empty when neither file is there. */
  private static Optional<Pair> pair(Path dir, String split, List<String> warnings)
      throws IOException {
    Path images = null;
    Path labels = null;
    List<Path> candidates = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.sorted().forEach(candidates::add);
    }
    for (Path file : candidates) {
      Matcher m = FILE_NAME.matcher(file.getFileName().toString());
      if (!m.matches() || !m.group(1).equals(split) || !Files.isRegularFile(file)) {
        continue;
      }
      boolean isImages = m.group(2).equals("images");
      Path already = isImages ? images : labels;
      if (already != null) {
        // sorted: "x-ubyte" before "x-ubyte.gz"; keep the first, say which one was ignored
        warnings.add("ignored " + file + " because " + already + " holds the same data");
        continue;
      }
      if (isImages) {
        images = file;
      } else {
        labels = file;
      }
    }
    if (images == null && labels == null) {
      return Optional.empty();
    }
    if (images == null || labels == null) {
      Path present = images != null ? images : labels;
      String missing = split + (images == null ? "-images-idx3-ubyte" : "-labels-idx1-ubyte");
      throw new DataFormatException(
          present,
          "has no partner: " + missing + "[.gz] is missing from " + dir,
          "upload both the images file and the labels file of each split");
    }
    return Optional.of(new Pair(images, labels));
  }

  /**
   * {@code classes.txt} when present; else Fashion-MNIST's names when {@code labels} is one of its
   * published label files (known by the SHA-256 of its uncompressed bytes: magic, count and labels
   * together, which MNIST's files do not share); else the digits. Never the folder's name: local
   * mode and SageMaker both link the data under channel names.
   */
  static List<String> classNames(Path dir, Optional<Path> labels) throws IOException {
    Path file = dir.resolve(CLASSES_FILE);
    if (Files.isRegularFile(file)) {
      List<String> names = new ArrayList<>();
      for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\\R")) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
      if (names.isEmpty()) {
        throw new DataFormatException(
            file, "is empty", "write one class name per line, in label order");
      }
      return names;
    }
    if (labels.isPresent() && ClassNames.FASHION_MNIST_LABEL_FILES.contains(sha256(labels.get()))) {
      return ClassNames.FASHION_MNIST;
    }
    return ClassNames.DIGITS;
  }

  /** SHA-256 of {@code file}'s uncompressed bytes, in lower-case hex. */
  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = open(file)) {
      byte[] buffer = new byte[READ_BUFFER];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      return ""; // unreadable: reading the labels reports it with the offset
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
