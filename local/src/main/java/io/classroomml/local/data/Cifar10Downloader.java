package io.classroomml.local.data;

import io.classroomml.datasets.Cifar10Format;
import io.classroomml.local.job.Archives;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Downloads the official {@code cifar-10-binary.tar.gz} over HTTPS, verifies its MD5 and extracts
 * it with {@link Archives} (entries that would escape the folder are refused). Local mode's alone,
 * so it lives here: the trainer never downloads (SageMaker may run it network-isolated).
 *
 * <p>The archive streams to a temporary file beside the target; only when its checksum matches is
 * it extracted, into a temporary folder that is then renamed to {@code cifar-10-batches-bin}, so
 * that folder either holds every file or does not exist. A second call finds it and does not
 * download again.
 */
public final class Cifar10Downloader {

  /** Where the CIFAR-10 authors publish the binary version. */
  public static final URI OFFICIAL_URL =
      URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

  /** The MD5 published next to it on https://www.cs.toronto.edu/~kriz/cifar.html. */
  public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final int HTTP_OK = 200;

  private final URI url;
  private final String md5;
  private final HttpClient client;

  /** Downloads the official archive. */
  public Cifar10Downloader() {
    this(OFFICIAL_URL, OFFICIAL_MD5);
  }

  /**
   * Downloads from {@code url} and expects {@code md5} (tests point this at a local server).
   *
   * @param url where the tar.gz is served
   * @param md5 its expected MD5, lower- or upper-case hex
   */
  public Cifar10Downloader(URI url, String md5) {
    this.url = Objects.requireNonNull(url, "url");
    this.md5 = md5.toLowerCase(Locale.ROOT);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Whether {@code targetDir} already holds every extracted batch and the class names. */
  public static boolean isPresent(Path targetDir) {
    Path batches = targetDir.resolve(Cifar10Format.ARCHIVE_FOLDER);
    return Stream.concat(Cifar10Format.allBatches().stream(), Stream.of(Cifar10Format.META_FILE))
        .allMatch(name -> Files.isRegularFile(batches.resolve(name)));
  }

  /**
   * Makes sure {@code targetDir/cifar-10-batches-bin} holds the data set, downloading it if needed.
   *
   * @return the {@code cifar-10-batches-bin} folder
   * @throws IOException when the download fails or the checksum does not match (nothing is left
   *     behind)
   */
  public Path download(Path targetDir) throws IOException {
    Path batches = targetDir.resolve(Cifar10Format.ARCHIVE_FOLDER);
    if (isPresent(targetDir)) {
      return batches;
    }
    Files.createDirectories(targetDir);
    Path archive = Files.createTempFile(targetDir, ".cifar-10-download-", ".tar.gz");
    Path staging = null;
    try {
      fetchVerified(archive);
      staging = Files.createTempDirectory(targetDir, ".cifar-10-extract-");
      Archives.unpack(archive, staging);
      Path extracted = staging.resolve(Cifar10Format.ARCHIVE_FOLDER);
      if (!Files.isDirectory(extracted)) {
        throw new IOException(
            url
                + " is not the CIFAR-10 binary archive: it has no "
                + Cifar10Format.ARCHIVE_FOLDER
                + "/ folder");
      }
      deleteRecursively(batches); // a partial folder from an older, interrupted tool
      moveAtomically(extracted, batches);
      if (!isPresent(targetDir)) {
        throw new IOException(
            url
                + " lacks some of "
                + Cifar10Format.allBatches()
                + " and "
                + Cifar10Format.META_FILE);
      }
      return batches;
    } finally {
      Files.deleteIfExists(archive);
      if (staging != null) {
        deleteRecursively(staging);
      }
    }
  }

  private void fetchVerified(Path archive) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while downloading " + url);
    }
    MessageDigest digest = md5Digest();
    try (InputStream body = new DigestInputStream(response.body(), digest);
        OutputStream out = Files.newOutputStream(archive)) {
      if (response.statusCode() != HTTP_OK) {
        throw new IOException(
            "downloading "
                + url
                + " failed with HTTP "
                + response.statusCode()
                + "; check the URL or download it by hand and set CLASSROOM_CIFAR10_DIR");
      }
      body.transferTo(out);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(md5)) {
      throw new IOException(
          "the file downloaded from "
              + url
              + " has MD5 "
              + actual
              + " but CIFAR-10's is "
              + md5
              + ": the download was corrupted or the server sent another file; nothing was kept,"
              + " try again");
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static MessageDigest md5Digest() {
    try {
      return MessageDigest.getInstance("MD5"); // what the CIFAR-10 page publishes; not for security
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
