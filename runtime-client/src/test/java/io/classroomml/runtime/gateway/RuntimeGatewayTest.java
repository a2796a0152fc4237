package io.classroomml.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.classroomml.http.RawHttp;
import io.classroomml.http.ServerLog;
import io.classroomml.runtime.client.InvokeClient;
import io.classroomml.runtime.client.InvokeCommand;
import io.classroomml.runtime.testing.FakeContainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** The unmodified AWS SDK v2 client, through the gateway, to a stand-in container. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeGatewayTest {

  private static final String PREDICTION =
      "{\"predictions\":[{\"label\":\"blue\",\"index\":2,\"probability\":0.9,"
          + "\"topK\":[{\"label\":\"blue\",\"index\":2,\"probability\":0.9}]}]}";

  private static FakeContainer container;
  private static RuntimeGateway gateway;
  private static InvokeClient client;

  @BeforeAll
  static void start() throws IOException {
    container = FakeContainer.start();
    gateway =
        RuntimeGateway.create(0, Duration.ofSeconds(60), quietLog())
            .register(EndpointTarget.realtime("classroom", container.uri()))
            .register(new EndpointTarget("small", container.uri(), "Variant-B", 2000))
            .start();
    client = InvokeClient.local(URI.create("http://127.0.0.1:" + gateway.port()));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    container.close();
  }

  @BeforeEach
  void answerAPrediction() {
    container.answer(
        200,
        "application/json",
        PREDICTION.getBytes(StandardCharsets.UTF_8),
        Map.of("X-Amzn-SageMaker-Custom-Attributes", "top_k=2"));
  }

  static ServerLog quietLog() {
    return new ServerLog(new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void invoke_returnsTheContainerAnswer_withVariantAndCustomAttributes() {
    InvokeClient.Invocation answer =
        client.invoke(
            "classroom", new byte[] {1, 2, 3}, "image/png", "application/json", "top_k=2");

    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.invokedVariant()).isEqualTo("AllTraffic");
    assertThat(answer.customAttributes()).isEqualTo("top_k=2");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(PREDICTION);
  }

  @Test
  void invoke_forwardsBodyAndTheHeadersSageMakerPasses_toInvocations() {
    client.invoke("classroom", new byte[] {7, 8, 9}, "image/png", "text/csv", "top_k=1");

    FakeContainer.Received got = container.received();
    assertThat(got.path()).isEqualTo("/invocations");
    assertThat(got.body()).containsExactly(7, 8, 9);
    assertThat(got.headers().get("Content-Type")).containsExactly("image/png");
    assertThat(got.headers().get("Accept")).containsExactly("text/csv");
    assertThat(got.headers().get("X-Amzn-SageMaker-Custom-Attributes")).containsExactly("top_k=1");
    assertThat(got.headers()).doesNotContainKey("Authorization");
  }

  @Test
  void containerClientError_isModelError424_withTheOriginalStatusAndMessage() {
    String refusal = "{\"error\":\"BadRequest\",\"message\":\"not a readable image\"}";
    container.answer(400, "application/json", refusal.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThatThrownBy(
            () -> client.invoke("classroom", new byte[] {1, 2, 3}, "image/png", null, null))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(424);
              assertThat(e.originalStatusCode()).isEqualTo(400);
              assertThat(e.originalMessage()).isEqualTo(refusal);
              assertThat(e.logStreamArn()).contains("/aws/sagemaker/Endpoints/classroom");
              assertThat(e.getMessage()).contains("Received client error (400) from primary");
            });
  }

  @Test
  void containerServerError_isModelError424_withServerErrorWording() {
    container.answer(500, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThatThrownBy(() -> client.invoke("classroom", new byte[] {1}, "image/png", null, null))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.originalStatusCode()).isEqualTo(500);
              assertThat(e.getMessage()).contains("Received server error (500) from primary");
            });
  }

  @Test
  void unknownEndpoint_isValidationError() {
    assertThatThrownBy(
            () -> client.invoke("no-such-endpoint", new byte[] {1}, "image/png", null, null))
        .isInstanceOfSatisfying(
            ValidationErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("Endpoint no-such-endpoint of account");
            });
  }

  @Test
  void bodyOverTheEndpointLimit_isRejectedByTheGateway() {
    assertThatThrownBy(
            () -> client.invoke("small", new byte[2001], "application/octet-stream", null, null))
        .isInstanceOfSatisfying(
            ValidationErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.getMessage()).contains("exceeded 2000 bytes");
            });
  }

  @Test
  void slowContainer_isModelErrorAfterTheTimeout() throws IOException {
    HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    silent.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    silent.start();
    try (RuntimeGateway impatient =
            RuntimeGateway.create(0, Duration.ofMillis(300), quietLog())
                .register(
                    EndpointTarget.realtime(
                        "slow", URI.create("http://127.0.0.1:" + silent.getAddress().getPort())))
                .start();
        InvokeClient slowClient =
            InvokeClient.local(URI.create("http://127.0.0.1:" + impatient.port()))) {
      assertThatThrownBy(() -> slowClient.invoke("slow", new byte[] {1}, "image/png", null, null))
          .isInstanceOfSatisfying(
              ModelErrorException.class, e -> assertThat(e.getMessage()).contains("timed out"));
    } finally {
      silent.stop(0);
    }
  }

  @Test
  void endpointUrlWithAPathPrefix_isServedToo() {
    try (InvokeClient prefixed =
        InvokeClient.local(URI.create("http://127.0.0.1:" + gateway.port() + "/local"))) {
      assertThat(
              prefixed
                  .invoke("classroom", new byte[] {1}, "application/octet-stream", null, null)
                  .body())
          .isEqualTo(PREDICTION.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void invokeCommand_printsTheClassesOfEachFile(@TempDir Path dir) throws IOException {
    Path image = Files.write(dir.resolve("blue.png"), new byte[] {1, 2});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        InvokeCommand.run(
            new String[] {
              "--endpoint",
              "classroom",
              "--endpoint-url",
              "http://127.0.0.1:" + gateway.port(),
              "--top-k",
              "1",
              image.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(image + "\tblue 0.9000\n");
    assertThat(container.received().headers().get("X-Amzn-SageMaker-Custom-Attributes"))
        .containsExactly("top_k=1");
  }

  @Test
  void customAttributesOver1024Characters_isValidationError_beforeReachingTheContainer() {
    container.answer(500, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThatThrownBy(
            () -> client.invoke("classroom", new byte[] {1}, "image/png", null, "a".repeat(1025)))
        .isInstanceOfSatisfying(
            ValidationErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage())
                  .contains("1 validation error detected")
                  .contains("'customAttributes'")
                  .contains("length less than or equal to 1024")
                  .doesNotContain("aaaa");
            });
  }

  @Test
  void customAttributesOfExactly1024PrintableCharacters_isForwarded() {
    String attributes = "k=" + "v".repeat(1022);
    client.invoke("classroom", new byte[] {1}, "image/png", null, attributes);
    assertThat(container.received().headers().get("X-Amzn-SageMaker-Custom-Attributes"))
        .containsExactly(attributes);
  }

  @Test
  void inferenceIdOver64Characters_isValidationError() {
    try (SageMakerRuntimeClient sdk =
        SageMakerRuntimeClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + gateway.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      assertThatThrownBy(
              () ->
                  sdk.invokeEndpoint(
                      b ->
                          b.endpointName("classroom")
                              .contentType("image/png")
                              .inferenceId("i".repeat(65))
                              .body(SdkBytes.fromByteArray(new byte[1]))))
          .isInstanceOfSatisfying(
              ValidationErrorException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("'inferenceId'")
                      .contains("less than or equal to 64"));
    }
  }

  @Test
  void endpointNameBreakingThePattern_isValidationError_namingThePattern() {
    assertThatThrownBy(() -> client.invoke("bad_name", new byte[] {1}, "image/png", null, null))
        .isInstanceOfSatisfying(
            ValidationErrorException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("'endpointName'")
                    .contains("^[a-zA-Z0-9](-*[a-zA-Z0-9])*"));
  }

  @Test
  void badPercentEncodingInThePath_isValidationErrorInWords() throws IOException {
    try (RawHttp http = new RawHttp(gateway.port())) {
      RawHttp.Response response =
          http.send(
                  "POST /endpoints/cl%zzassroom/invocations HTTP/1.1\r\nHost: x\r\n"
                      + "Content-Length: 1\r\n\r\nx")
              .read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("x-amzn-ErrorType")).isEqualTo("ValidationError");
      assertThat(response.body()).contains("percent-encoding").doesNotContain("Exception");
    }
  }

  @Test
  void expectContinue_forABodyOverTheEndpointLimit_gets413AndNever100() throws IOException {
    try (RawHttp http = new RawHttp(gateway.port())) {
      RawHttp.Response response =
          http.send(
                  "POST /endpoints/small/invocations HTTP/1.1\r\nHost: x\r\n"
                      + "Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
              .read();
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.body()).contains("HTTP content length exceeded 2000 bytes.");
    }
  }

  @Test
  void bodyOverTheLimit_sentInFull_gets413ThatTheClientReads() throws IOException {
    try (RawHttp http = new RawHttp(gateway.port())) {
      http.send(
          "POST /endpoints/small/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
      http.send(new byte[5000]);
      assertThat(http.read().status()).isEqualTo(413);
    }
  }

  @Test
  void unreachableContainer_isServiceUnavailable_inWordsWithoutJavaNames() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    gateway.register(EndpointTarget.realtime("gone", URI.create("http://127.0.0.1:" + closedPort)));
    try {
      assertThatThrownBy(() -> client.invoke("gone", new byte[] {1}, "image/png", null, null))
          .isInstanceOfSatisfying(
              ServiceUnavailableException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("cannot be reached")
                      .doesNotContain("Exception")
                      .doesNotContain("java."));
    } finally {
      gateway.remove("gone");
    }
  }
}
