package io.classroomml.serving.testing;

import io.classroomml.http.ServerLog;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.http.InferenceServer;
import io.classroomml.serving.predict.DjlImageClassifier;
import io.classroomml.serving.predict.ImageClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real {@link InferenceServer} on a free port with the {@link TinyModel}, gives tests an
 * HTTP client for it, and captures its log. The model is loaded once per JVM and shared.
 */
public final class ServerHarness implements AutoCloseable {

  private static ImageClassifier shared;

  private final InferenceServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ServerHarness(Map<String, String> env, boolean ready) throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent(ServingEnvironment.WORKERS, "2");
    ServingEnvironment environment = ServingEnvironment.from(all, 2).withPort(0);
    server =
        InferenceServer.create(
                environment, new ServerLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8)))
            .start();
    if (ready) {
      server.ready(classifier());
    }
  }

  /** A ready server with {@code env} (workers default to 2). */
  public static ServerHarness start(Map<String, String> env) {
    try {
      return new ServerHarness(env, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server that listens but has no model yet. */
  public static ServerHarness startWithoutModel() {
    try {
      return new ServerHarness(Map.of(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared classifier over the tiny model: 2 workers, batches of up to 8. */
  public static synchronized ImageClassifier classifier() {
    if (shared == null) {
      try {
        shared = DjlImageClassifier.load(TinyModel.directory(), 2, 8, Duration.ofSeconds(30));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The server. */
  public InferenceServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** The server's log so far. */
  public String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * The log once it contains {@code fragment}, waiting up to 10 s: the server logs a request after
   * it has sent the response, so the client can see the answer before the line is written.
   */
  public String logContaining(String fragment) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!log().contains(fragment) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return log();
  }

  /** POSTs {@code body} to {@code /invocations}; {@code headers} are name, value pairs. */
  public HttpResponse<String> invoke(byte[] body, String contentType, String... headers) {
    return invokePath("/invocations", body, contentType, headers);
  }

  /** POSTs {@code body} to {@code path}. */
  public HttpResponse<String> invokePath(
      String path, byte[] body, String contentType, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** GETs {@code path}. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** Sends any request. */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(Duration.ofSeconds(5));
  }
}
