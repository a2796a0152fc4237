package io.classroomml.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Detects what a SageMaker channel directory holds and reads it.
 *
 * <p>Checked in this order: CIFAR-10 batch files in the channel; a {@code cifar-10-batches-bin/}
 * folder; a {@code .tar.gz}/{@code .tgz} archive of CIFAR-10 batches; IDX files; a single folder
 * (looked into, as S3 keys often keep one more folder level); folders of images, one per class.
 * Anything else is a {@link DataFormatException} that lists what was found and the three accepted
 * layouts.
 */
public final class ChannelReader {

  /** Said at the end of every "unknown content" error. */
  static final String ACCEPTED_LAYOUTS =
      "upload one of: (1) CIFAR-10 binary: data_batch_1.bin .. data_batch_5.bin and/or"
          + " test_batch.bin (or cifar-10-binary.tar.gz, or its cifar-10-batches-bin/ folder);"
          + " (2) IDX as in MNIST/Fashion-MNIST: train-images-idx3-ubyte[.gz] +"
          + " train-labels-idx1-ubyte[.gz] and/or the t10k- pair; (3) image folders: one"
          + " sub-folder of JPEG/PNG images per class (optionally inside train/ and test/)";

  private static final int MAX_LISTED = 20;

  /** How many single-folder levels are looked into before giving up. */
  private static final int MAX_NESTING = 4;

  private ChannelReader() {}

  /**
   * Detects the format of {@code channelDir} and reads it.
   *
   * @param channelDir the channel directory, e.g. {@code /opt/ml/input/data/train}
   * @param imageSize the side that images from folders are resized to (IDX and CIFAR-10 keep their
   *     own geometry)
   * @throws DataFormatException for anything wrong with the user's data
   */
  public static ChannelData read(Path channelDir, int imageSize) throws IOException {
    if (!Files.isDirectory(channelDir)) {
      throw new DataFormatException(
          channelDir,
          "does not exist or is not a directory",
          "check the channel's S3 URI (or local path) and that it holds files");
    }
    return read(channelDir, channelDir, imageSize, 0);
  }

  private static ChannelData read(Path channel, Path dir, int imageSize, int depth)
      throws IOException {
    List<Path> entries = visibleEntries(dir);
    List<Path> archives = new ArrayList<>();
    boolean cifarFiles = false;
    boolean idxFiles = false;
    boolean subfolders = false;
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (Files.isDirectory(entry)) {
        subfolders = true;
      } else if (Cifar10Format.allBatches().contains(name)) {
        cifarFiles = true;
      } else if (IdxReader.isIdxName(name)) {
        idxFiles = true;
      } else if (isArchive(name)) {
        archives.add(entry);
      }
    }
    Path batchesFolder = dir.resolve(Cifar10Format.ARCHIVE_FOLDER);
    if (cifarFiles) {
      return withArchivesIgnored(Cifar10Reader.readDirectory(dir), archives);
    }
    if (Files.isDirectory(batchesFolder)) {
      if (visibleEntries(batchesFolder).stream()
          .noneMatch(p -> Cifar10Format.allBatches().contains(p.getFileName().toString()))) {
        throw new DataFormatException(
            batchesFolder,
            "holds no CIFAR-10 batch files (" + String.join(", ", Cifar10Format.allBatches()) + ")",
            "upload the extracted files of the published " + Cifar10Format.ARCHIVE_NAME);
      }
      return withArchivesIgnored(Cifar10Reader.readDirectory(batchesFolder), archives);
    }
    if (archives.size() == 1) {
      return Cifar10Reader.readArchive(archives.get(0));
    }
    if (archives.size() > 1) {
      throw new DataFormatException(
          dir,
          "holds " + archives.size() + " archives " + fileNames(archives) + "; which one to read?",
          "keep only " + Cifar10Format.ARCHIVE_NAME + " in the channel, or its extracted files");
    }
    if (idxFiles) {
      return IdxReader.readDirectory(dir);
    }
    if (entries.size() == 1 && subfolders && depth < MAX_NESTING && !holdsImages(entries.get(0))) {
      return read(channel, entries.get(0), imageSize, depth + 1);
    }
    if (subfolders) {
      return ImageFolderReader.readDirectory(dir, imageSize);
    }
    throw unknownContent(channel, dir, entries);
  }

  private static ChannelData withArchivesIgnored(ChannelData data, List<Path> archives) {
    if (archives.isEmpty()) {
      return data;
    }
    List<String> warnings = new ArrayList<>(data.warnings());
    warnings.add(
        "ignored " + fileNames(archives) + " because extracted CIFAR-10 batches are present");
    return new ChannelData(data.format(), data.train(), data.test(), warnings);
  }

  private static DataFormatException unknownContent(Path channel, Path dir, List<Path> entries) {
    String found =
        entries.isEmpty()
            ? "is empty (hidden files aside)"
            : "holds "
                + entries.size()
                + " entries none of which is a known layout: "
                + listed(entries);
    boolean looseImages =
        entries.stream().anyMatch(p -> ImageFolderReader.isImageName(p.getFileName().toString()));
    String hint =
        looseImages
            ? "the images lie directly in " + dir + "; put them in one sub-folder per class. "
            : "";
    Path where = dir.equals(channel) ? channel : dir;
    return new DataFormatException(where, found, hint + ACCEPTED_LAYOUTS);
  }

  private static List<Path> visibleEntries(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(p -> !ImageFolderReader.isHidden(p)).sorted().toList();
    }
  }

  /** A folder with images directly inside is a class folder, not an extra level to look into. */
  private static boolean holdsImages(Path dir) throws IOException {
    return visibleEntries(dir).stream()
        .anyMatch(p -> ImageFolderReader.isImageName(p.getFileName().toString()));
  }

  private static boolean isArchive(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
  }

  private static String listed(List<Path> entries) {
    List<String> names = new ArrayList<>();
    for (Path entry : entries.subList(0, Math.min(MAX_LISTED, entries.size()))) {
      names.add(entry.getFileName() + (Files.isDirectory(entry) ? "/" : ""));
    }
    String more =
        entries.size() > MAX_LISTED ? " and " + (entries.size() - MAX_LISTED) + " more" : "";
    return String.join(", ", names) + more;
  }

  private static String fileNames(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList().toString();
  }
}
