package io.classroomml.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.classroomml.http.ServerLog;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.predict.ImageClassifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SageMaker inference container's HTTP server: {@code GET /ping}, {@code POST /invocations},
 * {@code GET /execution-parameters}.
 *
 * <p>It listens as soon as it starts (SageMaker expects the socket within 250 ms) but {@code /ping}
 * answers 503 until {@link #ready} hands it a loaded, warmed-up model. Threads: one per request
 * that may be in flight (workers plus the waiting queue) plus a few for {@code /ping}, so health
 * checks are answered at once however busy the model is; requests beyond that get 503 without
 * waiting.
 */
public final class InferenceServer implements AutoCloseable {

  /** Threads kept free of model work, so {@code /ping} answers within SageMaker's 2 s. */
  static final int CONTROL_THREADS = 4;

  /** Connections accepted but not yet given a thread; beyond this the server closes them. */
  static final int ACCEPT_BACKLOG = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServingEnvironment env;
  private final HttpServer http;
  private final ThreadPoolExecutor threads;
  private final AtomicReference<ImageClassifier> model = new AtomicReference<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ServerLog log;

  private InferenceServer(ServingEnvironment env, HttpServer http, ServerLog log) {
    this.env = env;
    this.http = http;
    this.log = log;
    int threadCount = env.workers() + env.queueCapacity() + CONTROL_THREADS;
    this.threads =
        new ThreadPoolExecutor(
            threadCount,
            threadCount,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(ACCEPT_BACKLOG),
            runnable -> {
              Thread thread = new Thread(runnable, "http");
              thread.setDaemon(true);
              return thread;
            });
    threads.allowCoreThreadTimeOut(true);
    http.setExecutor(threads);
    InvocationHandler invocations = new InvocationHandler(env, model, stopping::get, log);
    http.createContext("/ping", this::ping);
    http.createContext("/execution-parameters", this::executionParameters);
    http.createContext(
        "/invocations",
        exchange -> {
          inFlight.incrementAndGet();
          try {
            invocations.handle(exchange);
          } finally {
            inFlight.decrementAndGet();
          }
        });
    http.createContext("/", this::notFound);
  }

  /**
   * Binds the port of {@code env} (0 picks a free one) without serving yet.
   *
   * @throws IOException when the port cannot be bound
   */
  public static InferenceServer create(ServingEnvironment env, ServerLog log) throws IOException {
    disableNagle();
    return new InferenceServer(env, HttpServer.create(new InetSocketAddress(env.port()), 0), log);
  }

  /**
   * The JDK server writes headers and body separately; with Nagle's algorithm on, the client's
   * delayed ACK then adds about 40 ms to every answer. Read once, when the first server is made.
   */
  static void disableNagle() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** Starts serving; {@code /ping} answers 503 until {@link #ready}. */
  public InferenceServer start() {
    http.start();
    return this;
  }

  /** The bound port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Serves {@code classifier} from now on; {@code /ping} answers 200. */
  public void ready(ImageClassifier classifier) {
    model.set(classifier);
  }

  /** Whether the model is loaded and the server is not stopping. */
  public boolean isReady() {
    return model.get() != null && !stopping.get();
  }

  private void ping(HttpExchange exchange) throws IOException {
    try (exchange) {
      drainAndClose(exchange);
      if (isReady()) {
        exchange.sendResponseHeaders(200, -1);
      } else {
        Exchanges.sendJson(
            exchange,
            503,
            ErrorResponses.response(
                    503,
                    "ServiceUnavailable",
                    stopping.get() ? "shutting down" : "the model is still loading",
                    "ping")
                .body());
      }
    }
  }

  private void executionParameters(HttpExchange exchange) throws IOException {
    try (exchange) {
      drainAndClose(exchange);
      Exchanges.sendJson(exchange, 200, JSON.writeValueAsBytes(env.executionParameters()));
    }
  }

  private void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      drainAndClose(exchange);
      Exchanges.sendError(
          exchange,
          ErrorResponses.response(
              404,
              "NotFound",
              "no such path "
                  + exchange.getRequestURI().getRawPath()
                  + "; this server answers GET /ping, POST /invocations and"
                  + " GET /execution-parameters",
              "none"));
    }
  }

  private static void drainAndClose(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().close();
  }

  /**
   * Stops taking requests and lets the ones in flight finish within {@code grace}. SageMaker sends
   * SIGKILL 30 s after SIGTERM, so the caller passes less than that. The model stays open: its
   * owner closes it once this returns 0.
   *
   * @return how many requests were still running when the grace period ended
   */
  public int stop(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      return inFlight.get();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int unfinished = inFlight.get();
    // JDK 17's stop(n) waits n seconds even when idle; we already waited for in-flight requests.
    http.stop(0);
    threads.shutdown();
    log.info("stopped", Map.of("unfinishedRequests", unfinished));
    return unfinished;
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }
}
