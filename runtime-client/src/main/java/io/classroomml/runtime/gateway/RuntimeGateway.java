package io.classroomml.runtime.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.classroomml.http.ServerLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SageMaker Runtime API in front of local endpoints, so that the unmodified AWS SDK v2 {@code
 * SageMakerRuntimeClient} with {@code endpointOverride} works against containers on this machine
 * (the Python SDK's local mode has no such gateway; it calls the container directly).
 *
 * <p>{@code POST /endpoints/{name}/invocations} (after any path prefix of the override URL) is sent
 * to the named endpoint's container {@code /invocations} with the headers SageMaker forwards. A
 * container 4xx or 5xx becomes 424 {@code ModelError} with {@code OriginalStatusCode} and {@code
 * OriginalMessage}; an unknown endpoint is 400 {@code ValidationError}; bodies over the endpoint's
 * limit are 413; the container has {@link #DEFAULT_TIMEOUT} to answer. Requests are not
 * authenticated: it listens for local tools only.
 */
public final class RuntimeGateway implements AutoCloseable {

  /** SageMaker gives the container 60 s to answer an invocation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Request headers SageMaker passes to the container; it strips all others. */
  static final List<String> FORWARDED =
      List.of(
          "Content-Type",
          "Accept",
          "X-Amzn-SageMaker-Custom-Attributes",
          "X-Amzn-SageMaker-Inference-Id",
          "X-Amzn-SageMaker-Target-Model",
          "X-Amzn-SageMaker-Enable-Explanations");

  /** The response header naming the variant that answered. */
  static final String INVOKED_VARIANT = "x-Amzn-Invoked-Production-Variant";

  static final String CUSTOM_ATTRIBUTES = "X-Amzn-SageMaker-Custom-Attributes";

  /** Concurrent invocations the gateway forwards; more wait for a thread. */
  static final int THREADS = 64;

  private static final Pattern INVOKE = Pattern.compile("(?:/.*)?/endpoints/([^/]+)/invocations");

  private final HttpServer http;
  private final ExecutorService threads;
  private final HttpClient client;
  private final Duration timeout;
  private final Map<String, EndpointTarget> endpoints = new ConcurrentHashMap<>();
  private final ServerLog log;

  private RuntimeGateway(HttpServer http, Duration timeout, ServerLog log) {
    this.http = http;
    this.timeout = timeout;
    this.log = log;
    this.threads = Executors.newFixedThreadPool(THREADS, r -> daemon(r, "gateway"));
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> daemon(r, "gateway-client")))
            .build();
    http.setExecutor(threads);
    http.createContext("/", this::handle);
  }

  /**
   * Binds {@code port} (0 picks a free one) without serving yet.
   *
   * @param timeout how long a container may take to answer (SageMaker: 60 s)
   */
  public static RuntimeGateway create(int port, Duration timeout, ServerLog log)
      throws IOException {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      // Without it the JDK server's split writes meet the client's delayed ACK: +40 ms each.
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    return new RuntimeGateway(HttpServer.create(new InetSocketAddress(port), 0), timeout, log);
  }

  /** Starts serving. */
  public RuntimeGateway start() {
    http.start();
    return this;
  }

  /** The bound port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Routes {@code target.name()} to {@code target}, replacing any earlier route. */
  public RuntimeGateway register(EndpointTarget target) {
    endpoints.put(target.name(), target);
    return this;
  }

  /** Removes the route for {@code name}; later calls get {@code ValidationError}. */
  public void remove(String name) {
    endpoints.remove(name);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    Map<String, Object> fields = new LinkedHashMap<>();
    try {
      String path = exchange.getRequestURI().getRawPath();
      Matcher m = INVOKE.matcher(path);
      if (!m.matches() || !exchange.getRequestMethod().equals("POST")) {
        exchange.getRequestBody().close();
        send(exchange, RuntimeErrors.unknownOperation(exchange.getRequestMethod() + " " + path));
        return;
      }
      String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      fields.put("endpoint", name);
      RuntimeErrors.RuntimeError refusal = null;
      EndpointTarget target = endpoints.get(name);
      if (!EndpointTarget.NAME.matcher(name).matches() || name.length() > 63) {
        refusal =
            RuntimeErrors.validation(
                "1 validation error detected: Value '"
                    + name
                    + "' at 'endpointName' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
      } else if (target == null) {
        refusal =
            RuntimeErrors.validation(
                "Endpoint " + name + " of account " + RuntimeErrors.LOCAL_ACCOUNT + " not found.");
      }
      byte[] body = refusal == null ? readBody(exchange, target.maxPayloadBytes()) : null;
      if (refusal == null && body == null) {
        refusal = RuntimeErrors.tooLarge(target.maxPayloadBytes());
      }
      if (refusal != null) {
        exchange.getRequestBody().close();
        send(exchange, refusal);
        fields.put("status", refusal.status());
        fields.put("error", refusal.errorType());
      } else {
        forward(exchange, target, body, fields);
      }
    } catch (IOException | RuntimeException e) {
      fields.put("status", 500);
      try {
        send(exchange, RuntimeErrors.internal());
      } catch (IOException | RuntimeException ignored) {
        // the client is gone or the answer was already started; the log line below says why
      }
      log.error("gateway-failed", fields, e);
      return;
    } finally {
      exchange.close();
    }
    fields.put("totalMs", (System.nanoTime() - start) / 1_000_000.0);
    log.info("gateway-invocation", fields);
  }

  private void forward(
      HttpExchange exchange, EndpointTarget target, byte[] body, Map<String, Object> fields)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.invocations())
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : FORWARDED) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      RuntimeErrors.RuntimeError error =
          RuntimeErrors.modelError(
              target.name(),
              null,
              "",
              "Your invocation timed out while waiting for a response from container primary"
                  + " after "
                  + timeout.toSeconds()
                  + " s.");
      send(exchange, error);
      fields.put("status", error.status());
      fields.put("error", "timeout");
      return;
    } catch (IOException e) {
      RuntimeErrors.RuntimeError error =
          RuntimeErrors.unavailable(
              "container for endpoint "
                  + target.name()
                  + " at "
                  + target.container()
                  + " cannot be reached: "
                  + e);
      send(exchange, error);
      fields.put("status", error.status());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, RuntimeErrors.unavailable("the gateway is stopping"));
      return;
    }
    fields.put("containerStatus", response.statusCode());
    if (response.statusCode() >= 400) {
      String original = new String(response.body(), StandardCharsets.UTF_8);
      int status = response.statusCode();
      RuntimeErrors.RuntimeError error =
          RuntimeErrors.modelError(
              target.name(),
              status,
              original,
              "Received "
                  + (status < 500 ? "client" : "server")
                  + " error ("
                  + status
                  + ") from primary with message \""
                  + original
                  + "\". See the endpoint's log for more information.");
      send(exchange, error);
      fields.put("status", error.status());
      return;
    }
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
    exchange
        .getResponseHeaders()
        .set(CUSTOM_ATTRIBUTES, response.headers().firstValue(CUSTOM_ATTRIBUTES).orElse(""));
    exchange.getResponseHeaders().set(INVOKED_VARIANT, target.variant());
    byte[] payload = response.body();
    exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
    if (payload.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(payload);
      }
    }
    fields.put("status", 200);
  }

  /** The body, or null when it is over {@code limit} (then no more than limit + 1 bytes read). */
  private static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > limit) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    InputStream in = exchange.getRequestBody();
    int n;
    while ((n = in.read(buffer)) > 0) {
      if (body.size() + (long) n > limit) {
        return null;
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  private static void send(HttpExchange exchange, RuntimeErrors.RuntimeError error)
      throws IOException {
    exchange.getResponseHeaders().set(RuntimeErrors.ERROR_TYPE, error.errorType());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (error.status() == 413) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.sendResponseHeaders(error.status(), error.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(error.body());
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Stops listening; in-flight forwards are abandoned. */
  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
