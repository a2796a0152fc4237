package io.classroomml.local.aws;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for the upload tests: Adobe's S3Mock, its Spring Boot application jar
 * (copied by local/pom.xml, path in {@code classroom.s3mock.jar}) run as a child JVM on a free port
 * with its store in a temporary folder. A child rather than in this JVM: S3Mock brings Spring Boot,
 * Kotlin and the AWS CRT, which would share a classpath with the SDK under test.
 */
final class S3MockServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3MockServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts S3Mock and waits until it answers, or fails with its log. */
  static S3MockServer start(Path root) throws IOException, InterruptedException {
    String jar = System.getProperty("classroom.s3mock.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "no S3Mock jar at " + jar + ": run the tests with Maven (local/pom.xml copies it)");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = root.resolve("s3mock.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-Xmx512m",
                    "-jar",
                    jar,
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + root.resolve("store"),
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3MockServer server = new S3MockServer(process, URI.create("http://127.0.0.1:" + port), log);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock ended at start:\n" + Files.readString(log));
      }
      if (server.answers()) {
        return server;
      }
      Thread.sleep(250);
    }
    server.close();
    throw new IllegalStateException(
        "S3Mock did not answer within " + START_TIMEOUT + ":\n" + Files.readString(log));
  }

  private boolean answers() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
