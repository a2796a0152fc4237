package io.classroomml.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.http.RawHttp;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.testing.Payloads;
import io.classroomml.serving.testing.ServerHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Holds a request in flight by sending its body slowly over a raw socket, to see what the server
 * does with the next request (503 when the queue is full) and with a stop (the request finishes).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OverloadAndShutdownTest {

  /**
   * How long {@link SlowRequest#finish()} waits for the status line. A blocking socket read ignores
   * interrupts, so without it {@code @Timeout} could not stop a test whose answer never comes.
   */
  private static final int READ_TIMEOUT_MS = 60_000;

  /** A request whose headers and first half of the body are sent; the rest waits for finish(). */
  private static final class SlowRequest implements AutoCloseable {
    private final RawHttp http;
    private final byte[] body;

    SlowRequest(int port, byte[] body) throws IOException {
      this.body = body;
      http = new RawHttp(port, READ_TIMEOUT_MS);
      http.send(
          "POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n");
      http.send(Arrays.copyOfRange(body, 0, body.length / 2));
    }

    /** Sends the rest and returns the status line. */
    String finish() throws IOException {
      return http.send(Arrays.copyOfRange(body, body.length / 2, body.length)).read().statusLine();
    }

    @Override
    public void close() throws IOException {
      http.close();
    }
  }

  /** Waits until the held request has been admitted from its headers (it holds the only slot). */
  private static void awaitAdmitted(ServerHarness server) throws InterruptedException {
    while (server.server().inFlight() == 0) {
      Thread.sleep(5);
    }
  }

  @Test
  void fullQueue_answers503_whilePingStays200_andTheHeldRequestStillSucceeds() throws Exception {
    try (ServerHarness server =
            ServerHarness.start(
                Map.of(ServingEnvironment.WORKERS, "1", ServingEnvironment.QUEUE_CAPACITY, "0"));
        SlowRequest held = new SlowRequest(server.server().port(), Payloads.cifarRecords(1))) {
      awaitAdmitted(server);
      HttpResponse<String> refused =
          server.invoke(Payloads.cifarRecords(0), "application/octet-stream");

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("\"error\":\"ServiceUnavailable\"").contains("busy");
      assertThat(server.get("/ping").statusCode()).isEqualTo(200);
      assertThat(held.finish()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(server.invoke(Payloads.cifarRecords(0), "application/octet-stream").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void stop_letsTheRequestInFlightFinish_andRefusesNewOnes() throws Exception {
    try (ServerHarness server =
            ServerHarness.start(
                Map.of(ServingEnvironment.WORKERS, "1", ServingEnvironment.QUEUE_CAPACITY, "0"));
        SlowRequest held = new SlowRequest(server.server().port(), Payloads.cifarRecords(2))) {
      awaitAdmitted(server);
      CompletableFuture<Integer> stopped =
          CompletableFuture.supplyAsync(() -> server.server().stop(Duration.ofSeconds(20)));
      while (server.server().isReady()) {
        Thread.sleep(5);
      }
      HttpResponse<String> refused =
          server.invoke(Payloads.cifarRecords(0), "application/octet-stream");

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("shutting down");
      assertThat(held.finish()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(stopped.get()).as("requests unfinished at stop").isZero();
    }
  }
}
