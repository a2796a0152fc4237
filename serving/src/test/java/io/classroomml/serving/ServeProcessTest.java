package io.classroomml.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.http.RawHttp;
import io.classroomml.serving.testing.Payloads;
import io.classroomml.serving.testing.TinyModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code serve} entrypoint as its own process, as SageMaker runs it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServeProcessTest {

  @Test
  void serve_staysUp_andOnSigtermFinishesTheRequestInFlightBeforeExiting(@TempDir Path base)
      throws Exception {
    Path model = Files.createDirectories(base.resolve("model"));
    try (var files = Files.list(TinyModel.directory())) {
      for (Path file : files.toList()) {
        Files.copy(file, model.resolve(file.getFileName()));
      }
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dai.djl.offline=true",
            ServeMain.class.getName(),
            "serve");
    builder.environment().put("SAGEMAKER_BASE_DIR", base.toString());
    builder.environment().put(ServingEnvironment.BIND_TO_PORT, String.valueOf(port));
    builder.environment().put(ServingEnvironment.WORKERS, "1");
    builder.redirectErrorStream(true).redirectOutput(base.resolve("serve.log").toFile());
    Process serve = builder.start();
    try {
      awaitPing(port, serve, base);
      byte[] body = Payloads.cifarRecords(2);
      try (RawHttp held = new RawHttp(port)) {
        held.send(
            "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n");
        held.send(java.util.Arrays.copyOf(body, body.length / 2));
        Thread.sleep(300); // admitted: the request is in flight

        serve.destroy(); // SIGTERM
        Thread.sleep(300);
        held.send(java.util.Arrays.copyOfRange(body, body.length / 2, body.length));
        RawHttp.Response answer = held.read();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"label\":\"blue\"");
      }
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(base.resolve("serve.log"))).contains("\"unfinishedRequests\":0");
    } finally {
      serve.destroyForcibly();
    }
  }

  private static void awaitPing(int port, Process serve, Path base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(serve.isAlive())
          .as("serve exited early:\n%s", Files.readString(base.resolve("serve.log")))
          .isTrue();
      try (RawHttp http = new RawHttp(port)) {
        if (http.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n").read().status() == 200) {
          Thread.sleep(1000); // still up a moment later: the listening edge keeps the JVM alive
          assertThat(serve.isAlive()).isTrue();
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no /ping 200 within 120 s");
  }
}
