package io.classroomml.local.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.Cifar10Format;
import io.classroomml.datasets.ClassNames;
import io.classroomml.local.job.Archives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against a real HTTP server on a random local port. */
@Timeout(60) // each test downloads from a local HTTP server
class Cifar10DownloaderTest {

  @TempDir Path target;

  /** Where the served archive is put together, apart from the download's target. */
  @TempDir Path source;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private byte[] archive;
  private String archiveMd5;

  @BeforeEach
  void serveArchive() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    StringBuilder meta = new StringBuilder();
    for (String name : ClassNames.CIFAR10) {
      meta.append(name).append('\n');
    }
    files.put("cifar-10-batches-bin/batches.meta.txt", bytes(meta.toString()));
    for (int b = 1; b <= 5; b++) {
      files.put("cifar-10-batches-bin/data_batch_" + b + ".bin", cifarRecords(b, 9 - b));
    }
    files.put("cifar-10-batches-bin/test_batch.bin", cifarRecords(0, 1, 2));
    files.put("cifar-10-batches-bin/readme.html", bytes("<p>CIFAR-10</p>"));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = source.resolve("content").resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    Archives.pack(source.resolve("content"), source.resolve("cifar.tar.gz"));
    archive = Files.readAllBytes(source.resolve("cifar.tar.gz"));
    archiveMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/~kriz/cifar-10-binary.tar.gz",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, archive.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(archive);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void download_verifiesAndExtractsIntoBatchesFolder() throws IOException {
    Cifar10Downloader downloader =
        new Cifar10Downloader(url("/~kriz/cifar-10-binary.tar.gz"), archiveMd5);

    Path batches = downloader.download(target);

    assertThat(batches).isEqualTo(target.resolve("cifar-10-batches-bin"));
    assertThat(Cifar10Downloader.isPresent(target)).isTrue();
    ChannelData data = ChannelReader.read(target, 32);
    assertThat(data.train().orElseThrow().labels()).containsExactly(1, 8, 2, 7, 3, 6, 4, 5, 5, 4);
    assertThat(data.test().orElseThrow().labels()).containsExactly(0, 1, 2);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void download_secondCall_doesNotFetchAgain() throws IOException {
    Cifar10Downloader downloader =
        new Cifar10Downloader(url("/~kriz/cifar-10-binary.tar.gz"), archiveMd5.toUpperCase());

    downloader.download(target);
    downloader.download(target);

    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void download_checksumMismatch_failsAndLeavesNothingBehind() throws IOException {
    String wrong = "0".repeat(32);
    Cifar10Downloader downloader =
        new Cifar10Downloader(url("/~kriz/cifar-10-binary.tar.gz"), wrong);

    assertThatThrownBy(() -> downloader.download(target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has MD5 " + archiveMd5)
        .hasMessageContaining("but CIFAR-10's is " + wrong);
    assertThat(requests.get()).isEqualTo(1);
    assertThat(target.resolve("cifar-10-batches-bin")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void download_httpError_namesStatusAndLeavesNothingBehind() throws IOException {
    Cifar10Downloader downloader = new Cifar10Downloader(url("/missing.tar.gz"), archiveMd5);

    assertThatThrownBy(() -> downloader.download(target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void officialSource_isTheTorontoUrlAndPublishedChecksum() {
    assertThat(Cifar10Downloader.OFFICIAL_URL)
        .hasToString("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    assertThat(Cifar10Downloader.OFFICIAL_MD5).isEqualTo("c32a1d4ab5d03f1284b67883e8d87530");
  }

  /** Whatever the downloader left in the target besides the batches folder. */
  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals("cifar-10-batches-bin"))
          .toList();
    }
  }

  /** CIFAR-10 records with these labels: a label byte, then 3,072 pixel bytes. */
  private static byte[] cifarRecords(int... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < labels.length; r++) {
      out.write(labels[r]);
      for (int i = 0; i < Cifar10Format.IMAGE_BYTES; i++) {
        out.write((r * 7 + i) & 0xff);
      }
    }
    return out.toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
