package io.classroomml.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.testing.Payloads;
import io.classroomml.serving.testing.ServerHarness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real HTTP on a free port, with a model trained in the test. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InferenceServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServerHarness server;

  @BeforeAll
  static void start() {
    server = ServerHarness.start(Map.of(ServingEnvironment.MAX_PAYLOAD_IN_MB, "1"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> labels(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    List<String> labels = new ArrayList<>();
    for (JsonNode p : JSON.readTree(response.body()).get("predictions")) {
      labels.add(p.get("label").asText());
    }
    return labels;
  }

  private static JsonNode error(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).doesNotContain("at io.").doesNotContain("Exception");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("message").asText()).isNotBlank();
    return body;
  }

  @Test
  void ping_answers200_onceTheModelIsReady() {
    assertThat(server.get("/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void ping_answers503_whileTheModelIsLoading() {
    try (ServerHarness loading = ServerHarness.startWithoutModel()) {
      assertThat(loading.get("/ping").statusCode()).isEqualTo(503);
      HttpResponse<String> early =
          loading.invoke(Payloads.imageFile("png", 0, 32, 32), "image/png");
      assertThat(early.statusCode()).isEqualTo(503);
      assertThat(early.body()).contains("still loading");
    }
  }

  @Test
  void png_ofEachColour_isClassified() throws IOException {
    for (int cls = 0; cls < 3; cls++) {
      assertThat(labels(server.invoke(Payloads.imageFile("png", cls, 32, 32), "image/png")))
          .containsExactly(List.of("red", "green", "blue").get(cls));
    }
  }

  @Test
  void jpeg_ofAnotherSize_isResizedLikeTrainingAndClassified() throws IOException {
    byte[] photo = Payloads.imageFile("jpg", 2, 300, 170);
    assertThat(labels(server.invoke(photo, "image/jpeg"))).containsExactly("blue");
    assertThat(labels(server.invoke(photo, "application/x-image"))).containsExactly("blue");
  }

  @Test
  void octetStream_ofSeveralCifarRecords_givesOnePredictionPerRecordInOrder() throws IOException {
    HttpResponse<String> response =
        server.invoke(Payloads.cifarRecords(2, 0, 1, 1), "application/octet-stream");
    assertThat(labels(response)).containsExactly("blue", "red", "green", "green");
  }

  @Test
  void npy_uint8Batch_andFloatSingle_areClassified() throws IOException {
    assertThat(labels(server.invoke(Payloads.npyUint8(true, 1, 2), "application/x-npy")))
        .containsExactly("green", "blue");
    assertThat(labels(server.invoke(Payloads.npyUint8(false, 0), "application/x-npy")))
        .containsExactly("red");
    assertThat(labels(server.invoke(Payloads.npyFloat32(2), "application/x-npy")))
        .containsExactly("blue");
  }

  @Test
  void json_inEveryForm_isClassified() throws IOException {
    String red = Base64.getEncoder().encodeToString(Payloads.imageFile("png", 0, 40, 40));
    String green = Base64.getEncoder().encodeToString(Payloads.imageFile("jpg", 1, 32, 32));
    String blueArray = Payloads.nestedArray(2);
    String[][] cases = {
      {"\"" + red + "\"", "red"},
      {"{\"image\": \"" + green + "\"}", "green"},
      {"{\"image\": {\"b64\": \"" + red + "\"}}", "red"},
      {blueArray, "blue"},
      {
        "{\"instances\": [\"" + red + "\", " + blueArray + ", {\"b64\": \"" + green + "\"}]}",
        "red,blue,green"
      },
      {"[\"" + green + "\", \"" + red + "\"]", "green,red"},
      {"[" + blueArray + "," + blueArray + "]", "blue,blue"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response =
          server.invoke(c[0].getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
      assertThat(labels(response)).as(c[1]).containsExactly(c[1].split(","));
    }
  }

  @Test
  void jsonLines_givesOneLinePerImage_forBatchTransform() throws IOException {
    String red = Base64.getEncoder().encodeToString(Payloads.imageFile("png", 0, 32, 32));
    String body =
        "{\"image\":\"" + red + "\"}\n" + Payloads.nestedArray(2) + "\n\n\"" + red + "\"\n";
    HttpResponse<String> response =
        server.invoke(
            body.getBytes(StandardCharsets.UTF_8),
            "application/jsonlines",
            "Accept",
            "application/jsonlines");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jsonlines");
    String[] lines = response.body().strip().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines[1]).get("label").asText()).isEqualTo("blue");
    assertThat(JSON.readTree(lines[2]).get("topK")).hasSize(3);
  }

  @Test
  void csv_listsLabelAndProbabilityPairs_bestFirst() {
    HttpResponse<String> response =
        server.invoke(
            Payloads.cifarRecords(1, 2),
            "application/octet-stream",
            "Accept",
            "text/csv",
            "X-Amzn-SageMaker-Custom-Attributes",
            "top_k=2");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv");
    String[] rows = response.body().split("\n");
    assertThat(rows).hasSize(2);
    assertThat(rows[0].split(",")).hasSize(4);
    assertThat(rows[0]).startsWith("green,");
    assertThat(rows[1]).startsWith("blue,");
    assertThat(Double.parseDouble(rows[0].split(",")[1]))
        .isGreaterThanOrEqualTo(Double.parseDouble(rows[0].split(",")[3]));
  }

  @Test
  void accept_missingOrWildcardOrWeighted_isNegotiated() {
    byte[] body = Payloads.cifarRecords(0);
    assertThat(server.invoke(body, "application/octet-stream").headers().firstValue("Content-Type"))
        .hasValue("application/json");
    assertThat(
            server
                .invoke(body, "application/octet-stream", "Accept", "*/*")
                .headers()
                .firstValue("Content-Type"))
        .hasValue("application/json");
    assertThat(
            server
                .invoke(
                    body,
                    "application/octet-stream",
                    "Accept",
                    "application/xml, text/csv;q=0.5, application/jsonlines;q=0.9")
                .headers()
                .firstValue("Content-Type"))
        .hasValue("application/jsonlines");
    assertThat(
            server
                .invoke(body, "application/octet-stream", "Accept", "text/*")
                .headers()
                .firstValue("Content-Type"))
        .hasValue("text/csv");
  }

  @Test
  void defaultAccept_isConfigurable() {
    try (ServerHarness csvServer =
        ServerHarness.start(Map.of(ServingEnvironment.DEFAULT_ACCEPT, "text/csv"))) {
      HttpResponse<String> response =
          csvServer.invoke(Payloads.cifarRecords(0), "application/octet-stream", "Accept", "*/*");
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv");
      assertThat(response.body()).startsWith("red,");
    }
  }

  @Test
  void smallRawBodies_areAnsweredOnTheEventLoop_imageFilesAndLargeBodiesOnAWorker() {
    String id = "X-Amzn-SageMaker-Inference-Id";
    server.invoke(Payloads.cifarRecords(0), "application/octet-stream", id, "quick-raw");
    server.invoke(Payloads.imageFile("png", 0, 32, 32), "image/png", id, "png-file");
    server.invoke(Payloads.cifarRecords(new int[40]), "application/octet-stream", id, "large-raw");

    assertThat(logLine("quick-raw"))
        .contains("\"status\":200", "\"ranOn\":\"event-loop\"")
        .containsPattern("\"cpuMs\":[0-9.]+");
    assertThat(logLine("png-file")).contains("\"status\":200", "\"ranOn\":\"worker\"");
    assertThat(logLine("large-raw")).contains("\"status\":200", "\"ranOn\":\"worker\"");
  }

  private String logLine(String requestId) {
    String fragment = "\"requestId\":\"" + requestId + "\"";
    return server
        .logContaining(fragment)
        .lines()
        .filter(line -> line.contains(fragment))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void topK_fromCustomAttributesOrQuery_andAttributesEchoed_andInferenceIdLogged()
      throws IOException {
    HttpResponse<String> response =
        server.invoke(
            Payloads.cifarRecords(0),
            "application/octet-stream",
            "X-Amzn-SageMaker-Custom-Attributes",
            "trace=abc; top_k=1",
            "X-Amzn-SageMaker-Inference-Id",
            "inference-42");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).at("/predictions/0/topK")).hasSize(1);
    assertThat(response.headers().firstValue("X-Amzn-SageMaker-Custom-Attributes"))
        .hasValue("trace=abc; top_k=1");
    assertThat(server.logContaining("\"requestId\":\"inference-42\""))
        .contains("\"requestId\":\"inference-42\"")
        .contains("\"modelMs\"");

    HttpResponse<String> byQuery =
        server.invokePath("/invocations?k=2", Payloads.cifarRecords(0), "application/octet-stream");
    assertThat(JSON.readTree(byQuery.body()).at("/predictions/0/topK")).hasSize(2);

    HttpResponse<String> tooMany =
        server.invoke(
            Payloads.cifarRecords(0),
            "application/octet-stream",
            "X-Amzn-SageMaker-Custom-Attributes",
            "top_k=99");
    assertThat(JSON.readTree(tooMany.body()).at("/predictions/0/topK")).hasSize(3);
  }

  @Test
  void badBodies_are400_withAMessageNamingTheProblem() throws IOException {
    byte[] png = Payloads.imageFile("png", 0, 32, 32);
    byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
    assertThat(error(server.invoke(truncated, "image/png"), 400).get("message").asText())
        .contains("image");
    assertThat(error(server.invoke(new byte[0], "image/png"), 400).get("message").asText())
        .contains("empty");
    assertThat(
            error(server.invoke("{\"instances\": [".getBytes(), "application/json"), 400)
                .get("message")
                .asText())
        .contains("not valid JSON");
    assertThat(
            error(server.invoke(new byte[3000], "application/octet-stream"), 400)
                .get("message")
                .asText())
        .contains("3073");
    byte[] wrongShape = Payloads.npy("|u1", "3, 28, 28", new byte[3 * 28 * 28]);
    assertThat(error(server.invoke(wrongShape, "application/x-npy"), 400).get("message").asText())
        .contains("(3, 32, 32)");
    assertThat(
            error(server.invoke("[[1,2],[3,4]]".getBytes(), "application/json"), 400)
                .get("message")
                .asText())
        .contains("[3][32][32]");
    assertThat(
            error(server.invoke("{\"foo\": 1}".getBytes(), "application/json"), 400)
                .get("message")
                .asText())
        .contains("instances");
  }

  @Test
  void unknownContentType_is415_andUnsatisfiableAccept_is406() throws IOException {
    assertThat(error(server.invoke(new byte[] {1}, "text/plain"), 415).get("message").asText())
        .contains("image/png");
    assertThat(error(server.invoke(new byte[] {1}, null), 415).get("error").asText())
        .isEqualTo("UnsupportedMediaType");
    assertThat(
            error(
                    server.invoke(
                        Payloads.cifarRecords(0),
                        "application/octet-stream",
                        "Accept",
                        "image/png"),
                    406)
                .get("message")
                .asText())
        .contains("text/csv");
  }

  @Test
  void bodyOverTheLimit_is413_whetherDeclaredOrChunked() throws IOException {
    byte[] big = new byte[1024 * 1024 + 3073]; // over the 1 MiB set for this server
    error(server.invoke(big, "application/octet-stream"), 413);
    HttpResponse<String> chunked =
        server.send(
            HttpRequest.newBuilder(server.uri("/invocations"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build());
    assertThat(error(chunked, 413).get("error").asText()).isEqualTo("PayloadTooLarge");
    assertThat(server.get("/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongMethodAndUnknownPath_get405And404() throws IOException {
    error(server.get("/invocations"), 405);
    error(server.get("/models"), 404);
  }

  @Test
  void executionParameters_describeBatchTransformDefaults() throws IOException {
    HttpResponse<String> response = server.get("/execution-parameters");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("MaxConcurrentTransforms").asInt()).isEqualTo(2);
    assertThat(body.get("BatchStrategy").asText()).isEqualTo("MULTI_RECORD");
    assertThat(body.get("MaxPayloadInMB").asInt()).isEqualTo(1);
  }

  @Test
  void concurrentRequests_allGetTheirOwnAnswer() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        int cls = i % 3;
        answers.add(
            clients.submit(
                () ->
                    labels(
                        server.invoke(
                            Payloads.cifarRecords(cls, cls), "application/octet-stream"))));
      }
      for (int i = 0; i < answers.size(); i++) {
        String expected = List.of("red", "green", "blue").get(i % 3);
        assertThat(answers.get(i).get()).containsExactly(expected, expected);
      }
    } finally {
      clients.shutdown();
    }
  }
}
