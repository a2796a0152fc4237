package io.classroomml.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.datasets.ImageSet;
import io.classroomml.local.data.ChannelWriter;
import io.classroomml.runtime.client.InvokeClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends test images to an endpoint through the unmodified AWS SDK v2 client ({@link InvokeClient})
 * and scores the answers: raw CIFAR-layout records ({@code application/octet-stream}, a label byte
 * and the pixels), several per request, JSON predictions back.
 */
final class Invoker {

  /** Images per InvokeEndpoint request: 50 KB of Fashion-MNIST, 197 KB of CIFAR-10. */
  static final int PER_REQUEST = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The result of sending images.
   *
   * @param predicted the predicted label per image
   * @param correct how many were right
   * @param requests how many InvokeEndpoint calls were made
   * @param millis total wall time
   */
  record Scored(List<String> predicted, int correct, int requests, double millis) {
    double accuracy() {
      return predicted.isEmpty() ? 0 : correct / (double) predicted.size();
    }
  }

  private Invoker() {}

  /** Sends the first {@code count} images of {@code images} to {@code endpoint}. */
  static Scored score(URI gateway, String endpoint, ImageSet images, int count) {
    int n = Math.min(count, images.size());
    List<String> predicted = new ArrayList<>();
    int correct = 0;
    int requests = 0;
    long start = System.nanoTime();
    try (InvokeClient client = InvokeClient.local(gateway)) {
      for (int from = 0; from < n; from += PER_REQUEST) {
        int to = Math.min(n, from + PER_REQUEST);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
          body.writeBytes(ChannelWriter.record(images, i));
        }
        InvokeClient.Invocation answer =
            client.invoke(
                endpoint, body.toByteArray(), "application/octet-stream", "application/json", null);
        requests++;
        JsonNode predictions = JSON.readTree(answer.body()).path("predictions");
        for (int i = from; i < to; i++) {
          JsonNode p = predictions.path(i - from);
          predicted.add(p.path("label").asText());
          if (p.path("index").asInt(-1) == images.labels()[i]) {
            correct++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("endpoint " + endpoint + " answered something unreadable", e);
    }
    return new Scored(predicted, correct, requests, (System.nanoTime() - start) / 1e6);
  }
}
