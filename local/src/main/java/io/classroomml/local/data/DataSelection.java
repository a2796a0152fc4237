package io.classroomml.local.data;

import io.classroomml.contract.Channels;
import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.Cifar10Format;
import io.classroomml.datasets.ImageSet;
import io.classroomml.local.LocalException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Picks the data of a local run, always saying which and why: CIFAR-10 when it is found locally or
 * can be downloaded (official URL, MD5 checked); otherwise Fashion-MNIST from the Debian package;
 * otherwise a generated CIFAR-format set. It then writes a {@code train} and a {@code validation}
 * channel holding the first {@code trainImages} and {@code testImages} images, so that a default
 * run takes minutes on a laptop.
 */
public final class DataSelection {

  /** Points at a folder holding CIFAR-10 (batches, {@code cifar-10-batches-bin/} or the tar.gz). */
  public static final String CIFAR_ENV = "CLASSROOM_CIFAR10_DIR";

  /** Where {@code dataset-fashion-mnist} installs the data. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** How long the download probe waits for a connection before giving up. */
  static final int PROBE_MILLIS = 3000;

  /**
   * What to use.
   *
   * @param source {@code auto}, {@code cifar10}, {@code fashion-mnist} or {@code generated}
   * @param trainImages images in the train channel
   * @param testImages images in the validation channel (also the images sent to endpoints)
   * @param download whether CIFAR-10 may be downloaded when it is not found
   * @param cacheDir where a download goes (and is found next time)
   * @param cifarDir the {@link #CIFAR_ENV} folder, if set
   * @param fashionDir the Fashion-MNIST folder
   */
  public record Request(
      String source,
      int trainImages,
      int testImages,
      boolean download,
      Path cacheDir,
      Optional<Path> cifarDir,
      Path fashionDir) {}

  /**
   * The channels written.
   *
   * @param name what the data is, e.g. {@code Fashion-MNIST}
   * @param why why it was chosen, for the user
   * @param train the train channel folder
   * @param validation the validation channel folder
   * @param test the validation images, in memory, to send to endpoints
   */
  public record Selected(String name, String why, Path train, Path validation, ImageSet test) {}

  private DataSelection() {}

  /** Chooses and writes the channels under {@code dir}. */
  public static Selected prepare(Request request, Path dir, PrintStream console)
      throws IOException {
    String source = request.source();
    StringBuilder why = new StringBuilder();
    if (source.equals("auto") || source.equals("cifar10")) {
      Optional<Path> cifar = findCifar(request, why);
      if (cifar.isPresent()) {
        ChannelData data = ChannelReader.read(cifar.get(), Cifar10Format.IMAGE_SIDE);
        return write("CIFAR-10", why.toString(), data, request, dir);
      }
      if (source.equals("cifar10")) {
        throw new LocalException("CIFAR-10 is not available: " + why);
      }
    }
    if (source.equals("auto") || source.equals("fashion-mnist")) {
      if (Files.isRegularFile(request.fashionDir().resolve("train-images-idx3-ubyte.gz"))) {
        why.append(why.length() == 0 ? "" : "; ")
            .append("Fashion-MNIST found in ")
            .append(request.fashionDir());
        ChannelData data = ChannelReader.read(request.fashionDir(), Cifar10Format.IMAGE_SIDE);
        return write("Fashion-MNIST", why.toString(), data, request, dir);
      }
      why.append(why.length() == 0 ? "" : "; ")
          .append("no Fashion-MNIST in ")
          .append(request.fashionDir())
          .append(" (apt-get install dataset-fashion-mnist)");
      if (source.equals("fashion-mnist")) {
        throw new LocalException("Fashion-MNIST is not available: " + why);
      }
    }
    if (!source.equals("auto") && !source.equals("generated")) {
      throw new LocalException(
          "--data-source "
              + source
              + " is not known; use auto, cifar10, fashion-mnist or generated");
    }
    why.append(why.length() == 0 ? "" : "; ").append("using a generated CIFAR-format data set");
    int perClass = Math.max(1, (request.trainImages() + 9) / 10);
    int testPerClass = Math.max(1, (request.testImages() + 9) / 10);
    ImageSet train = SyntheticCifar10.generate(perClass, 42);
    ImageSet test = SyntheticCifar10.generate(testPerClass, 4242);
    ChannelData data =
        new ChannelData(
            io.classroomml.datasets.DataFormat.CIFAR10, Optional.of(train), Optional.of(test));
    return write("generated CIFAR-format shapes", why.toString(), data, request, dir);
  }

  private static Optional<Path> findCifar(Request request, StringBuilder why) {
    if (request.cifarDir().isPresent()) {
      Path d = request.cifarDir().get();
      if (Files.isDirectory(d)) {
        why.append("CIFAR-10 from ").append(CIFAR_ENV).append('=').append(d);
        return Optional.of(d);
      }
      why.append(CIFAR_ENV).append('=').append(d).append(" is not a folder");
    }
    if (Cifar10Downloader.isPresent(request.cacheDir())) {
      why.append(why.length() == 0 ? "" : "; ")
          .append("CIFAR-10 found in the cache ")
          .append(request.cacheDir());
      return Optional.of(request.cacheDir().resolve(Cifar10Format.ARCHIVE_FOLDER));
    }
    if (!request.download()) {
      why.append(why.length() == 0 ? "" : "; ").append("CIFAR-10 not found and download is off");
      return Optional.empty();
    }
    URI url = Cifar10Downloader.OFFICIAL_URL;
    Optional<String> unreachable = probe(url);
    if (unreachable.isPresent()) {
      why.append(why.length() == 0 ? "" : "; ")
          .append("CIFAR-10 not found locally and ")
          .append(url.getHost())
          .append(" cannot be reached (")
          .append(unreachable.get())
          .append(")");
      return Optional.empty();
    }
    try {
      Path batches = new Cifar10Downloader().download(request.cacheDir());
      why.append(why.length() == 0 ? "" : "; ")
          .append("CIFAR-10 downloaded from ")
          .append(url)
          .append(", MD5 verified, cached in ")
          .append(request.cacheDir());
      return Optional.of(batches);
    } catch (IOException e) {
      why.append(why.length() == 0 ? "" : "; ")
          .append("CIFAR-10 download failed: ")
          .append(e.getMessage());
      return Optional.empty();
    }
  }

  /** Empty when a TCP connection to the URL's host opens quickly; else why not. */
  static Optional<String> probe(URI url) {
    int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), port), PROBE_MILLIS);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Selected write(
      String name, String why, ChannelData data, Request request, Path dir) throws IOException {
    ImageSet train =
        data.train().orElseThrow(() -> new LocalException(name + " has no training images"));
    ImageSet test = data.test().orElse(train.slice(train.size() / 2, train.size()));
    ImageSet trainPart = train.slice(0, Math.min(request.trainImages(), train.size()));
    ImageSet testPart = test.slice(0, Math.min(request.testImages(), test.size()));
    Path trainDir = dir.resolve(Channels.TRAIN);
    Path validationDir = dir.resolve(Channels.VALIDATION);
    ChannelWriter.write(trainPart, trainDir, false);
    ChannelWriter.write(testPart, validationDir, true);
    return new Selected(name, why, trainDir, validationDir, testPart);
  }
}
