package io.classroomml.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.serving.testing.Payloads;
import io.classroomml.serving.testing.ServerHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,200 malformed requests: mutated and truncated bodies of every format under every content type,
 * random headers. No client fault may be answered 500, and the server stays healthy.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FuzzTest {

  private static final List<String> TYPES =
      List.of(
          "image/jpeg",
          "image/png",
          "application/x-image",
          "application/octet-stream",
          "application/x-npy",
          "application/json",
          "application/jsonlines",
          "text/csv",
          "image/gif",
          "");

  private static final List<String> ACCEPTS =
      List.of(
          "",
          "*/*",
          "application/json",
          "text/csv;q=0",
          "image/*",
          "application/jsonlines",
          ",,;;q=x",
          "text/*;q=0.1, */*;q=0.01");

  private static final List<String> ATTRIBUTES =
      List.of(
          "",
          "top_k=0",
          "top_k=abc",
          "k=2",
          "top_k=2;top_k=3",
          "=;=;",
          "x".repeat(1100),
          "top_k=-1",
          "top_k=99999999999");

  @Test
  void malformedRequests_neverGet500_andTheServerStaysHealthy() throws Exception {
    Random random = new Random(2024);
    List<byte[]> seeds =
        List.of(
            Payloads.imageFile("png", 0, 32, 32),
            Payloads.imageFile("jpg", 1, 50, 40),
            Payloads.cifarRecords(0, 1),
            Payloads.npyUint8(true, 2),
            Payloads.npyFloat32(1),
            ("{\"instances\": [" + Payloads.nestedArray(0) + "]}").getBytes(StandardCharsets.UTF_8),
            "{\"image\": \"aGVsbG8=\"}\n[1,2,3]\n".getBytes(StandardCharsets.UTF_8));
    Set<Integer> allowed = Set.of(200, 400, 406, 413, 415);
    try (ServerHarness server = ServerHarness.start(Map.of())) {
      for (int i = 0; i < 1200; i++) {
        byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
        String type = TYPES.get(random.nextInt(TYPES.size()));
        String accept = ACCEPTS.get(random.nextInt(ACCEPTS.size()));
        String attributes = ATTRIBUTES.get(random.nextInt(ATTRIBUTES.size()));
        HttpResponse<String> response =
            server.invoke(
                body,
                type.isEmpty() ? null : type,
                "Accept",
                accept.isEmpty() ? "application/json" : accept,
                "X-Amzn-SageMaker-Custom-Attributes",
                attributes.isEmpty() ? "none" : attributes);
        assertThat(response.statusCode())
            .as("case %d: %s / %s / %s: %s", i, type, accept, attributes, response.body())
            .isIn(allowed);
        if (response.statusCode() != 200) {
          assertThat(response.body()).startsWith("{\"error\":").doesNotContain("\tat ");
        }
      }
      assertThat(server.get("/ping").statusCode()).isEqualTo(200);
      assertThat(server.invoke(Payloads.cifarRecords(2), "application/octet-stream").statusCode())
          .isEqualTo(200);
      assertThat(server.log()).doesNotContain("\"status\":500");
    }
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] body;
    switch (random.nextInt(5)) {
      case 0 -> body = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      case 1 -> {
        body = seed.clone();
        for (int n = 0; n < 1 + random.nextInt(20); n++) {
          body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
      }
      case 2 -> {
        body = new byte[random.nextInt(5000)];
        random.nextBytes(body);
      }
      case 3 -> {
        body = Arrays.copyOf(seed, seed.length + 1 + random.nextInt(100));
      }
      default -> {
        body = seed.clone();
        int from = random.nextInt(body.length);
        int to = Math.min(body.length, from + random.nextInt(200));
        Arrays.fill(body, from, to, (byte) '[');
      }
    }
    return body;
  }
}
