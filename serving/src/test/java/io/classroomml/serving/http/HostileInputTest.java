package io.classroomml.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.http.RawHttp;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.testing.Payloads;
import io.classroomml.serving.testing.ServerHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and malformed requests against the real server: decompression bombs refused from their
 * header, framing errors and parse errors answered in words, 413s every client can read.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServerHarness server;

  @BeforeAll
  static void start() {
    server =
        ServerHarness.start(
            Map.of(
                ServingEnvironment.MAX_PAYLOAD_IN_MB, "1",
                ServingEnvironment.DECODE_BUDGET_MB, "256"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawHttp connect() throws IOException {
    return new RawHttp(server.server().port());
  }

  private static JsonNode errorBody(RawHttp.Response response) throws IOException {
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("error", "message", "requestId");
    return body;
  }

  @Test
  void pngDeclaring100MillionBy1Pixels_isRefusedFromItsHeader_sayingWhatFits() throws IOException {
    byte[] bomb = Payloads.pngDeclaring(100_000_000, 1);

    HttpResponse<String> response = server.invoke(bomb, "image/png");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    String message = JSON.readTree(response.body()).get("message").asText();
    assertThat(message)
        .contains("100000000x1 pixels")
        .contains("MiB")
        .containsPattern("at most about \\d+x\\d+ pixels");
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("ImageTooLarge");
  }

  @Test
  void bombInsideAJsonBatch_isRefusedToo() throws IOException {
    String b64 =
        java.util.Base64.getEncoder().encodeToString(Payloads.pngDeclaring(50_000, 50_000));
    HttpResponse<String> response =
        server.invoke(
            ("{\"instances\": [\"" + b64 + "\"]}").getBytes(StandardCharsets.UTF_8),
            "application/json");
    assertThat(response.statusCode()).as(response.body()).isIn(400, 413);
    assertThat(response.body()).contains("instance 0");
  }

  /**
   * Bombs and normal images at once: every normal request is answered 200 while every bomb is
   * refused. How fast is measured by {@code scripts/bench serve}, not asserted here;
   * {@code @Timeout} only guards against a hang.
   */
  @Test
  void normalRequests_areAllServed_whileBombsAreRefused() throws Exception {
    byte[] bomb = Payloads.pngDeclaring(100_000_000, 1);
    byte[] normal = Payloads.imageFile("png", 1, 32, 32);
    AtomicBoolean attacking = new AtomicBoolean(true);
    AtomicInteger bombsRefused = new AtomicInteger();
    ExecutorService attackers = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> attacks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        attacks.add(
            attackers.submit(
                () -> {
                  do {
                    HttpResponse<String> refused = server.invoke(bomb, "image/png");
                    assertThat(refused.statusCode()).as(refused.body()).isIn(413, 503);
                    bombsRefused.incrementAndGet();
                  } while (attacking.get());
                  return null;
                }));
      }
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> response = server.invoke(normal, "image/png");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
      attacking.set(false);
      for (Future<?> attack : attacks) {
        attack.get();
      }
      assertThat(bombsRefused.get()).as("bombs refused").isGreaterThanOrEqualTo(3);
    } finally {
      attacking.set(false);
      attackers.shutdownNow();
    }
  }

  @Test
  void contentLengthThatIsNotANumber_is400Json_inWords() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(
                  "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                      + "Content-Length: 12abc\r\n\r\n")
              .read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(errorBody(response).get("message").asText()).contains("Content-Length");
    }
  }

  @Test
  void chunkedHeaderWithAnUnchunkedBody_is400Json_notA500() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(
                  "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\nnot chunked at all\r\n\r\n")
              .read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(errorBody(response).get("message").asText()).contains("chunk");
    }
    assertThat(server.logContaining("MalformedRequest")).doesNotContain("\"status\":500");
  }

  @Test
  void jsonWithATrailingToken_is400_withoutNamingJackson() throws IOException {
    HttpResponse<String> response =
        server.invoke(("\"aGVsbG8=\" [1]").getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("more after the first JSON value")
        .doesNotContain("jackson")
        .doesNotContain("DeserializationFeature");
  }

  @Test
  void bodyOverTheLimit_sentInFull_gets413ThatTheClientReads_andTheConnectionIsReused()
      throws IOException {
    byte[] body = new byte[1024 * 1024 + 3073];
    try (RawHttp http = connect()) {
      http.send(
          "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n");
      http.send(body);
      RawHttp.Response response = http.read();

      assertThat(response.status()).isEqualTo(413);
      assertThat(errorBody(response).get("error").asText()).isEqualTo("PayloadTooLarge");
      assertThat(http.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
    }
  }

  @Test
  void expectContinue_forABodyOverTheLimit_gets413AndNever100() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(
                  "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                      + "Expect: 100-continue\r\nContent-Length: 7000000\r\n\r\n")
              .read();
      assertThat(response.status()).isEqualTo(413);
      errorBody(response);
    }
  }

  @Test
  void expectContinue_forAnUnknownContentType_gets415AndNever100() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(
                  "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                      + "Expect: 100-continue\r\nContent-Length: 10\r\n\r\n")
              .read();
      assertThat(response.status()).isEqualTo(415);
      errorBody(response);
    }
  }

  @Test
  void badPercentEncodingInTheQuery_is400InWords() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(
                  "POST /invocations?k=%zz HTTP/1.1\r\nHost: x\r\n"
                      + "Content-Type: application/octet-stream\r\nContent-Length: 1\r\n\r\nx")
              .read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(errorBody(response).get("message").asText()).contains("percent-encoding");
    }
  }
}
