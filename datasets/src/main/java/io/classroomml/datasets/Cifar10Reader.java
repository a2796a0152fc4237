package io.classroomml.datasets;

import static io.classroomml.datasets.Cifar10Format.CHANNELS;
import static io.classroomml.datasets.Cifar10Format.CLASS_COUNT;
import static io.classroomml.datasets.Cifar10Format.IMAGE_BYTES;
import static io.classroomml.datasets.Cifar10Format.IMAGE_SIDE;
import static io.classroomml.datasets.Cifar10Format.LABEL_BYTES;
import static io.classroomml.datasets.Cifar10Format.META_FILE;
import static io.classroomml.datasets.Cifar10Format.RECORD_BYTES;
import static io.classroomml.datasets.Cifar10Format.TEST_BATCH;
import static io.classroomml.datasets.Cifar10Format.TRAIN_BATCH_COUNT;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads CIFAR-10 binary batches (see {@link Cifar10Format}) from a folder or from the published
 * {@code cifar-10-binary.tar.gz}.
 *
 * <p>The training set is every {@code data_batch_N.bin} present, in order; {@code data_batch_1.bin}
 * must be among them, and a missing later batch is reported as a warning (a student who uploaded
 * only part of the data still gets a run, and is told). {@code test_batch.bin} is the test set.
 */
public final class Cifar10Reader {

  private static final int READ_BUFFER = 1 << 20;

  private Cifar10Reader() {}

  /** Reads the batches in {@code dir} (the channel itself or its {@code cifar-10-batches-bin}). */
  public static ChannelData readDirectory(Path dir) throws IOException {
    Map<String, Path> present = new LinkedHashMap<>();
    for (String name : Cifar10Format.allBatches()) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        present.put(name, file);
      }
    }
    List<String> classNames = classNames(dir.resolve(META_FILE));
    Layout layout = Layout.of(present.keySet(), dir::resolve);
    Optional<ImageSet> train = Optional.empty();
    if (!layout.trainBatches.isEmpty()) {
      // One allocation for the whole training set: sizes are known before reading.
      long records = 0;
      for (String name : layout.trainBatches) {
        records += recordCount(Files.size(present.get(name)), present.get(name));
      }
      Batch all = Batch.allocate(records, dir.resolve(layout.trainBatches.get(0)));
      int first = 0;
      for (String name : layout.trainBatches) {
        Path file = present.get(name);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER)) {
          first += readRecords(in, Files.size(file), file, all, first);
        }
      }
      train = Optional.of(all.toImageSet(classNames));
    }
    Optional<ImageSet> test = Optional.empty();
    if (present.containsKey(TEST_BATCH)) {
      test = Optional.of(readBatch(present.get(TEST_BATCH)).toImageSet(classNames));
    }
    return new ChannelData(DataFormat.CIFAR10, train, test, layout.warnings);
  }

  /** Reads the batches from a CIFAR-10 tar.gz without extracting it to disk. */
  public static ChannelData readArchive(Path archive) throws IOException {
    Map<String, Batch> batches = new LinkedHashMap<>();
    List<String> classNames = null;
    try (TarArchiveInputStream tar = TarGz.open(archive, READ_BUFFER)) {
      for (TarArchiveEntry entry = TarGz.nextFile(tar, archive);
          entry != null;
          entry = TarGz.nextFile(tar, archive)) {
        String base = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        Path where = inArchive(archive, entry.getName());
        if (Cifar10Format.allBatches().contains(base)) {
          Batch batch = Batch.allocate(recordCount(entry.getSize(), where), where);
          readRecords(tar, entry.getSize(), where, batch, 0);
          batches.put(base, batch);
        } else if (base.equals(META_FILE)) {
          classNames = parseClassNames(tar.readAllBytes(), where);
        }
      }
    } catch (IOException e) {
      throw TarGz.damaged(archive, e); // a cut-off gzip or tar shows up in the middle of a read
    }
    if (batches.isEmpty()) {
      throw new DataFormatException(
          archive,
          "holds no CIFAR-10 batch files (" + String.join(", ", Cifar10Format.allBatches()) + ")",
          "upload the published " + Cifar10Format.ARCHIVE_NAME + " (binary version)");
    }
    List<String> names = classNames != null ? classNames : ClassNames.CIFAR10;
    Layout layout = Layout.of(batches.keySet(), name -> inArchive(archive, name));
    Optional<ImageSet> train = Optional.empty();
    if (!layout.trainBatches.isEmpty()) {
      List<ImageSet> parts = new ArrayList<>();
      for (String name : layout.trainBatches) {
        parts.add(batches.remove(name).toImageSet(names));
      }
      train = Optional.of(ImageSet.concatAll(parts));
    }
    Optional<ImageSet> test =
        Optional.ofNullable(batches.get(TEST_BATCH)).map(batch -> batch.toImageSet(names));
    return new ChannelData(DataFormat.CIFAR10, train, test, layout.warnings);
  }

  /** Reads one batch file; labels are checked, class names are the published ones. */
  public static ImageSet readBatchFile(Path file) throws IOException {
    return readBatch(file).toImageSet(ClassNames.CIFAR10);
  }

  private static Batch readBatch(Path file) throws IOException {
    long size = Files.size(file);
    Batch batch = Batch.allocate(recordCount(size, file), file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER)) {
      readRecords(in, size, file, batch, 0);
    }
    return batch;
  }

  /** Whole records in a file of {@code size} bytes; anything else is a truncated file. */
  private static long recordCount(long size, Path file) throws DataFormatException {
    if (size % RECORD_BYTES != 0) {
      long incomplete = size - size % RECORD_BYTES;
      throw new DataFormatException(
          file,
          incomplete,
          "the file is "
              + size
              + " bytes, not a whole number of "
              + RECORD_BYTES
              + "-byte CIFAR-10 records (1 label byte + 3072 pixel bytes); the record starting"
              + " here has only "
              + (size - incomplete)
              + " bytes, so the file is truncated or not in CIFAR-10 binary format",
          "upload the file again (a published batch is "
              + (long) Cifar10Format.RECORDS_PER_PUBLISHED_BATCH * RECORD_BYTES
              + " bytes), or use the binary version of CIFAR-10, not the Python or MATLAB one");
    }
    return size / RECORD_BYTES;
  }

  /**
   * Reads {@code size / RECORD_BYTES} records into {@code into} starting at record {@code first}.
   */
  private static int readRecords(InputStream in, long size, Path file, Batch into, int first)
      throws IOException {
    int records = (int) (size / RECORD_BYTES);
    byte[] label = new byte[LABEL_BYTES];
    for (int r = 0; r < records; r++) {
      long recordOffset = (long) r * RECORD_BYTES;
      int pixelOffset = (first + r) * IMAGE_BYTES;
      if (in.readNBytes(label, 0, LABEL_BYTES) < LABEL_BYTES
          || in.readNBytes(into.pixels, pixelOffset, IMAGE_BYTES) < IMAGE_BYTES) {
        throw new DataFormatException(
            file,
            recordOffset,
            "the file ended inside record " + r + " although its size promised " + records,
            "upload the file again; it changed or was cut short while being read");
      }
      int value = label[0] & 0xff;
      if (value >= CLASS_COUNT) {
        throw new DataFormatException(
            file,
            recordOffset,
            "record "
                + r
                + " has label "
                + value
                + " but CIFAR-10 labels are 0 to "
                + (CLASS_COUNT - 1),
            "this is not a CIFAR-10 binary file (CIFAR-100 has two label bytes per record); use"
                + " the CIFAR-10 binary version or an image folder");
      }
      into.labels[first + r] = value;
    }
    return records;
  }

  private static List<String> classNames(Path meta) throws IOException {
    return Files.isRegularFile(meta)
        ? parseClassNames(Files.readAllBytes(meta), meta)
        : ClassNames.CIFAR10;
  }

  private static List<String> parseClassNames(byte[] bytes, Path meta) throws DataFormatException {
    List<String> names = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    if (names.size() != CLASS_COUNT) {
      throw new DataFormatException(
          meta,
          "lists " + names.size() + " class names " + names + " but CIFAR-10 has " + CLASS_COUNT,
          "write exactly "
              + CLASS_COUNT
              + " names, one per line in label order, or delete the file"
              + " to use the published names");
    }
    return names;
  }

  private static Path inArchive(Path archive, String entry) {
    return Path.of(archive + "!/" + entry);
  }

  /** Which train batches to read, and what to warn about. */
  private record Layout(List<String> trainBatches, List<String> warnings) {

    static Layout of(Set<String> present, Function<String, Path> where) throws DataFormatException {
      List<String> train = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (int n = 1; n <= TRAIN_BATCH_COUNT; n++) {
        String name = Cifar10Format.trainBatch(n);
        (present.contains(name) ? train : missing).add(name);
      }
      List<String> warnings = new ArrayList<>();
      if (!train.isEmpty() && missing.contains(Cifar10Format.trainBatch(1))) {
        throw new DataFormatException(
            where.apply(Cifar10Format.trainBatch(1)),
            "is missing, but " + String.join(", ", train) + " are present",
            "upload all five training batches data_batch_1.bin to data_batch_5.bin (the training"
                + " set needs at least data_batch_1.bin)");
      }
      if (!train.isEmpty() && !missing.isEmpty()) {
        warnings.add(
            "CIFAR-10 training batches "
                + String.join(", ", missing)
                + " are missing from "
                + where.apply(missing.get(0)).getParent()
                + ": training on "
                + train.size()
                + " of "
                + TRAIN_BATCH_COUNT
                + " batches");
      }
      return new Layout(train, warnings);
    }
  }

  /** Records read so far: pixels in CHW order, labels as ints. */
  private record Batch(byte[] pixels, int[] labels) {

    static Batch allocate(long records, Path file) throws DataFormatException {
      if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(
            file,
            "holds " + records + " records, more than one Java array can hold",
            "split the data into the published five batches of 10,000 records");
      }
      return new Batch(new byte[(int) records * IMAGE_BYTES], new int[(int) records]);
    }

    ImageSet toImageSet(List<String> classNames) {
      return new ImageSet(pixels, labels, CHANNELS, IMAGE_SIDE, IMAGE_SIDE, classNames);
    }
  }
}
