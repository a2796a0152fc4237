package io.classroomml.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Reads images laid out as one sub-folder per class ({@code cats/a.jpg}, {@code dogs/b.png}, …),
 * optionally split into {@code train/} and {@code test/} (or {@code validation/}) folders that each
 * hold the class folders.
 *
 * <p>Class names are the folder names in sorted order (Java string order), so the label of a class
 * is the same on every machine. Images are decoded in parallel on a fixed pool of one thread per
 * processor and converted to RGB {@code imageSize × imageSize} by {@link ImagePreprocessor}. Files
 * and folders whose names start with a dot are skipped; other files that are not JPEG or PNG are
 * skipped with a warning.
 */
public final class ImageFolderReader {

  /** File extensions read as images, compared case-insensitively. */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png");

  /** The training split's folder. */
  public static final String TRAIN_FOLDER = "train";

  /** Held-out split folder names, in order of preference. */
  public static final List<String> TEST_FOLDERS = List.of("test", "validation");

  /** An image folder needs at least this many classes to train a classifier. */
  public static final int MIN_CLASSES = 2;

  private static final int CHANNELS = 3;
  private static final int MAX_NAMES_IN_MESSAGE = 10;

  private ImageFolderReader() {}

  /** Whether {@code name} has one of the {@link #IMAGE_EXTENSIONS}. */
  static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  static boolean isHidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  /**
   * Reads {@code dir}: a {@code train/} + {@code test/} (or {@code validation/}) split when both
   * are there, else class folders directly (all of it the training set).
   */
  public static ChannelData readDirectory(Path dir, int imageSize) throws IOException {
    if (imageSize < 1) {
      throw new IllegalArgumentException("imageSize must be at least 1, was " + imageSize);
    }
    List<String> warnings = new ArrayList<>();
    Path trainDir = dir.resolve(TRAIN_FOLDER);
    Optional<Path> testDir =
        TEST_FOLDERS.stream().map(dir::resolve).filter(Files::isDirectory).findFirst();
    if (Files.isDirectory(trainDir) && testDir.isPresent()) {
      ImageSet train = readClasses(trainDir, imageSize, null, warnings);
      ImageSet test = readClasses(testDir.get(), imageSize, train.classNames(), warnings);
      return new ChannelData(
          DataFormat.IMAGE_FOLDER, Optional.of(train), Optional.of(test), warnings);
    }
    ImageSet all = readClasses(dir, imageSize, null, warnings);
    return new ChannelData(DataFormat.IMAGE_FOLDER, Optional.of(all), Optional.empty(), warnings);
  }

  /**
   * Reads the class folders of {@code root}. With {@code knownClasses} (the training classes), the
   * folders must be among them and keep the training labels.
   */
  private static ImageSet readClasses(
      Path root, int imageSize, List<String> knownClasses, List<String> warnings)
      throws IOException {
    List<Path> classDirs = new ArrayList<>();
    List<String> looseFiles = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.sorted().toList()) {
        if (isHidden(child)) {
          continue;
        }
        if (Files.isDirectory(child)) {
          classDirs.add(child);
        } else {
          looseFiles.add(child.getFileName().toString());
        }
      }
    }
    if (!looseFiles.isEmpty()) {
      warnings.add(
          "ignored "
              + looseFiles.size()
              + " files outside the class folders of "
              + root
              + ": "
              + names(looseFiles));
    }
    List<String> classNames = classDirs.stream().map(d -> d.getFileName().toString()).toList();
    if (knownClasses == null && classNames.size() < MIN_CLASSES) {
      throw new DataFormatException(
          root,
          "has "
              + classNames.size()
              + " class folders "
              + classNames
              + "; a classifier needs at"
              + " least "
              + MIN_CLASSES,
          "put the images of each class in their own sub-folder, e.g. "
              + root.resolve("cats")
              + "/ and "
              + root.resolve("dogs")
              + "/");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path classDir : classDirs) {
      String name = classDir.getFileName().toString();
      int label = knownClasses == null ? classNames.indexOf(name) : knownClasses.indexOf(name);
      if (label < 0) {
        throw new DataFormatException(
            classDir,
            "is a class that the training folder does not have (training classes: "
                + knownClasses
                + ")",
            "use the same class folder names in train/ and in the test or validation folder");
      }
      List<Path> images = imagesIn(classDir, warnings);
      if (images.isEmpty()) {
        throw new DataFormatException(
            classDir,
            "holds no JPEG or PNG images (extensions " + IMAGE_EXTENSIONS + ")",
            "add images of class '" + name + "' or remove the empty folder");
      }
      for (Path image : images) {
        files.add(image);
        labels.add(label);
      }
    }
    List<String> setClasses = knownClasses == null ? classNames : knownClasses;
    byte[] pixels = decodeAll(files, new ImagePreprocessor(CHANNELS, imageSize, imageSize));
    int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
    return new ImageSet(pixels, labelArray, CHANNELS, imageSize, imageSize, setClasses);
  }

  /** Image files under {@code classDir}, sub-folders included, in sorted order. */
  private static List<Path> imagesIn(Path classDir, List<String> warnings) throws IOException {
    List<Path> images = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classDir)) {
      for (Path file : walk.sorted().toList()) {
        if (!Files.isRegularFile(file) || isUnderHidden(classDir, file)) {
          continue;
        }
        if (isImageName(file.getFileName().toString())) {
          images.add(file);
        } else {
          skipped.add(classDir.relativize(file).toString());
        }
      }
    }
    if (!skipped.isEmpty()) {
      warnings.add(
          "skipped "
              + skipped.size()
              + " files in "
              + classDir
              + " that are not JPEG or PNG: "
              + names(skipped));
    }
    return images;
  }

  private static boolean isUnderHidden(Path classDir, Path file) {
    for (Path part : classDir.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Decodes every file into one NCHW array, in parallel; reports every file that fails. */
  private static byte[] decodeAll(List<Path> files, ImagePreprocessor preprocessor)
      throws IOException {
    long total = (long) files.size() * preprocessor.imageBytes();
    if (total > Integer.MAX_VALUE - 8) {
      throw new DataFormatException(
          files.get(0).getParent().getParent(),
          files.size() + " images of " + preprocessor.imageBytes() + " bytes exceed one array",
          "use a smaller image_size or fewer images");
    }
    byte[] pixels = new byte[(int) total];
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "image-decoder");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        int offset = i * preprocessor.imageBytes();
        futures.add(
            pool.submit(
                () -> {
                  preprocessor.toChw(decodeFile(file), pixels, offset);
                  return null;
                }));
      }
      List<DataFormatException> failures = new ArrayList<>();
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof DataFormatException bad) {
            failures.add(bad);
          } else if (e.getCause() instanceof IOException io) {
            throw io;
          } else {
            throw new IllegalStateException("decoding failed", e.getCause());
          }
        }
      }
      if (!failures.isEmpty()) {
        throw summarise(failures);
      }
      return pixels;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while decoding images");
    } finally {
      pool.shutdownNow();
    }
  }

  static BufferedImage decodeFile(Path file) throws IOException {
    try {
      return ImageDecoder.read(Files.readAllBytes(file));
    } catch (ImageDecoder.Unreadable e) {
      throw new DataFormatException(file, -1, e.getMessage(), e.fix, e.getCause());
    }
  }

  private static DataFormatException summarise(List<DataFormatException> failures) {
    DataFormatException first = failures.get(0);
    if (failures.size() == 1) {
      return first;
    }
    List<String> others = new ArrayList<>();
    for (DataFormatException f : failures.subList(1, failures.size())) {
      others.add(f.file().toString());
    }
    return new DataFormatException(
        first.file(),
        -1,
        first.problem() + "; " + others.size() + " more files failed too: " + names(others),
        first.fix() + ", or remove the files",
        first);
  }

  private static String names(List<String> names) {
    if (names.size() <= MAX_NAMES_IN_MESSAGE) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_NAMES_IN_MESSAGE))
        + " and "
        + (names.size() - MAX_NAMES_IN_MESSAGE)
        + " more";
  }
}
