package io.classroomml.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The edge's framing rules over raw sockets, with an application that echoes body sizes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpEdgeTest {

  static final int LIMIT = 1000;

  /** POST /echo answers the body's size (after {@code ?slow} waits 300 ms); /refuse is 415. */
  static final class EchoApp implements HttpApp {
    @Override
    public Admission admit(HttpRequest request) {
      if (request.uri().startsWith("/echo")) {
        return Admission.accept(LIMIT);
      }
      if (request.uri().startsWith("/refuse")) {
        return Admission.refuse(new Refusal(415, "UnsupportedMediaType", "not this type"));
      }
      if (request.uri().startsWith("/fail")) {
        return Admission.accept(LIMIT);
      }
      return Admission.refuse(new Refusal(404, "NotFound", "no such path"));
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (request.uri().startsWith("/fail")) {
        throw new IllegalStateException("a fault of the application");
      }
      String size = String.valueOf(ByteBufUtil.getBytes(request.content()).length);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              Unpooled.copiedBuffer(size, StandardCharsets.UTF_8));
      long delay = request.uri().contains("slow") ? 300 : 0;
      CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
          .execute(() -> HttpEdge.respond(ctx, request, response));
    }

    @Override
    public FullHttpResponse render(Refusal refusal, HttpRequest request) {
      String json =
          "{\"error\":\"" + refusal.error() + "\",\"message\":\"" + refusal.message() + "\"}";
      return new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(refusal.status()),
          Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }
  }

  private static HttpEdge edge;

  @BeforeAll
  static void start() throws IOException {
    edge = HttpEdge.bind("test", new InetSocketAddress("127.0.0.1", 0), LIMIT, 2, new EchoApp());
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  private static RawHttp connect() throws IOException {
    return new RawHttp(edge.port());
  }

  private static String post(String path, int bodyBytes, String... headers) {
    StringBuilder request =
        new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Length: ")
            .append(bodyBytes)
            .append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  @Test
  void keepAlive_answersSeveralRequestsOnOneConnection() throws IOException {
    try (RawHttp http = connect()) {
      for (int i = 1; i <= 3; i++) {
        RawHttp.Response response = http.send(post("/echo", i) + "x".repeat(i)).read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(String.valueOf(i));
      }
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_evenWhenTheFirstIsSlower() throws IOException {
    try (RawHttp http = connect()) {
      http.send(post("/echo?slow", 2) + "ab" + post("/echo", 1) + "c");
      assertThat(http.read().body()).isEqualTo("2");
      assertThat(http.read().body()).isEqualTo("1");
    }
  }

  @Test
  void declaredBodyOverTheLimit_gets413_thenTheSameConnectionServesTheNextRequest()
      throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response refused = http.send(post("/echo", 5000) + "z".repeat(5000)).read();

      assertThat(refused.status()).isEqualTo(413);
      assertThat(refused.body()).contains("PayloadTooLarge").contains("limit of 1000 bytes");
      assertThat(http.send(post("/echo", 3) + "abc").read().body()).isEqualTo("3");
    }
  }

  @Test
  void chunkedBodyGrowingOverTheLimit_gets413_andTheConnectionStaysUsable() throws IOException {
    try (RawHttp http = connect()) {
      String chunk = Integer.toHexString(600) + "\r\n" + "y".repeat(600) + "\r\n";
      http.send(
          "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
              + chunk
              + chunk
              + chunk
              + "0\r\n\r\n");

      assertThat(http.read().status()).isEqualTo(413);
      assertThat(http.send(post("/echo", 1) + "a").read().body()).isEqualTo("1");
    }
  }

  @Test
  void expectContinue_withABodyThatFits_gets100WithoutContentLength_thenTheAnswer()
      throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response interim = http.send(post("/echo", 4, "Expect: 100-continue")).read();

      assertThat(interim.status()).isEqualTo(100);
      assertThat(interim.header("Content-Length")).isNull();
      assertThat(http.send("abcd").read().body()).isEqualTo("4");
    }
  }

  @Test
  void expectContinue_withABodyOverTheLimit_gets413InsteadOf100() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(post("/echo", 7_000_000, "Expect: 100-continue")).read();

      assertThat(response.status()).isEqualTo(413);
      assertThat(response.body()).contains("PayloadTooLarge");
      assertThat(http.send(post("/echo", 2) + "ok").read().body()).isEqualTo("2");
    }
  }

  @Test
  void expectContinue_onARequestTheAppRefuses_getsTheRefusalInsteadOf100() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response = http.send(post("/refuse", 10, "Expect: 100-continue")).read();

      assertThat(response.status()).isEqualTo(415);
      assertThat(http.send(post("/echo", 2) + "ok").read().body()).isEqualTo("2");
    }
  }

  @Test
  void refusedRequestWithABody_theBodyIsReadAndDiscarded_soTheNextRequestIsFramedRight()
      throws IOException {
    try (RawHttp http = connect()) {
      assertThat(http.send(post("/refuse", 10) + "0123456789").read().status()).isEqualTo(415);
      assertThat(http.send(post("/echo", 2) + "ok").read().body()).isEqualTo("2");
    }
  }

  @Test
  void unsupportedExpectation_gets417() throws IOException {
    try (RawHttp http = connect()) {
      assertThat(http.send(post("/echo", 2, "Expect: something-else")).read().status())
          .isEqualTo(417);
    }
  }

  @Test
  void contentLengthThatIsNotANumber_gets400InWords_andTheConnectionCloses() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: abc\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body()).contains("MalformedRequest").doesNotContain("Exception");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void chunkedHeaderWithAnUnchunkedBody_gets400NotA500() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response =
          http.send(
                  "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "this is not chunked\r\n\r\n")
              .read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body()).contains("chunk").doesNotContain("Exception");
    }
  }

  @Test
  void requestLineLongerThanTheLimit_gets414() throws IOException {
    try (RawHttp http = connect()) {
      String path = "/echo?" + "q".repeat(HttpEdge.MAX_INITIAL_LINE + 10);
      assertThat(http.send(post(path, 0)).read().status()).isEqualTo(414);
    }
  }

  @Test
  void headersLargerThanTheLimit_get431() throws IOException {
    try (RawHttp http = connect()) {
      String big = "X-Big: " + "h".repeat(HttpEdge.MAX_HEADER_SIZE + 10);
      assertThat(http.send(post("/echo", 0, big)).read().status()).isEqualTo(431);
    }
  }

  @Test
  void aFaultOfTheApplication_gets500FromItsRenderer_andTheEdgeKeepsServing() throws IOException {
    try (RawHttp http = connect()) {
      RawHttp.Response response = http.send(post("/fail", 0)).read();

      assertThat(response.status()).isEqualTo(500);
      assertThat(response.body()).contains("InternalServerError").doesNotContain("IllegalState");
    }
    try (RawHttp http = connect()) {
      assertThat(http.send(post("/echo", 1) + "a").read().status()).isEqualTo(200);
    }
  }
}
