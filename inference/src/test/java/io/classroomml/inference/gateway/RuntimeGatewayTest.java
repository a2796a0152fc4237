package io.classroomml.inference.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.classroomml.inference.ServerLog;
import io.classroomml.inference.client.InvokeClient;
import io.classroomml.inference.client.InvokeCommand;
import io.classroomml.inference.testing.Payloads;
import io.classroomml.inference.testing.ServerHarness;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** The unmodified AWS SDK v2 client, through the gateway, to a real model server. */
class RuntimeGatewayTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServerHarness container;
  private static RuntimeGateway gateway;
  private static InvokeClient client;

  @BeforeAll
  static void start() throws IOException {
    container = ServerHarness.start(Map.of());
    gateway =
        RuntimeGateway.create(
                0,
                Duration.ofSeconds(60),
                new ServerLog(new PrintStream(new ByteArrayOutputStream())))
            .register(EndpointTarget.realtime("classroom", container.uri("")))
            .register(new EndpointTarget("small", container.uri(""), "Variant-B", 2000))
            .start();
    client = InvokeClient.local(URI.create("http://127.0.0.1:" + gateway.port()));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    container.close();
  }

  @Test
  void invoke_returnsTheModelAnswer_withVariantAndCustomAttributes() throws IOException {
    InvokeClient.Invocation answer =
        client.invoke(
            "classroom",
            Payloads.imageFile("png", 2, 64, 64),
            "image/png",
            "application/json",
            "top_k=2");

    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.invokedVariant()).isEqualTo("AllTraffic");
    assertThat(answer.customAttributes()).isEqualTo("top_k=2");
    var prediction = JSON.readTree(answer.body()).at("/predictions/0");
    assertThat(prediction.get("label").asText()).isEqualTo("blue");
    assertThat(prediction.get("topK")).hasSize(2);
  }

  @Test
  void containerClientError_isModelError424_withTheOriginalStatusAndMessage() {
    assertThatThrownBy(
            () -> client.invoke("classroom", new byte[] {1, 2, 3}, "image/png", null, null))
        .isInstanceOfSatisfying(
            ModelErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(424);
              assertThat(e.originalStatusCode()).isEqualTo(400);
              assertThat(e.originalMessage()).contains("not a readable image");
              assertThat(e.getMessage()).contains("Received client error (400) from primary");
            });
    assertThatThrownBy(() -> client.invoke("classroom", new byte[] {1}, "text/plain", null, null))
        .isInstanceOfSatisfying(
            ModelErrorException.class, e -> assertThat(e.originalStatusCode()).isEqualTo(415));
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
    HttpServer silent = HttpServer.create(new InetSocketAddress(0), 0);
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
            RuntimeGateway.create(
                    0,
                    Duration.ofMillis(300),
                    new ServerLog(new PrintStream(new ByteArrayOutputStream())))
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
                  .invoke(
                      "classroom",
                      Payloads.cifarRecords(0),
                      "application/octet-stream",
                      "text/csv",
                      null)
                  .body())
          .startsWith("red,".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void invokeCommand_printsTheClassesOfEachFile(@TempDir Path dir) throws IOException {
    Path red = Files.write(dir.resolve("red.png"), Payloads.imageFile("png", 0, 32, 32));
    Path records = Files.write(dir.resolve("two.bin"), Payloads.cifarRecords(1, 2));
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
              red.toString(),
              records.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .satisfiesExactly(
            line -> assertThat(line).matches(Pattern.quote(red + "\tred ") + "[01]\\.\\d{4}"),
            line ->
                assertThat(line).matches(Pattern.quote(records + "[0]\tgreen ") + "[01]\\.\\d{4}"),
            line ->
                assertThat(line).matches(Pattern.quote(records + "[1]\tblue ") + "[01]\\.\\d{4}"));
  }
}
