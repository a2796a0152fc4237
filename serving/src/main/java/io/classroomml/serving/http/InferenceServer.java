package io.classroomml.serving.http;

import io.classroomml.http.HttpEdge;
import io.classroomml.http.ServerLog;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.predict.ImageClassifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SageMaker inference container's HTTP server on Netty: {@code GET /ping}, {@code POST
 * /invocations}, {@code GET /execution-parameters} ({@link ServingRoutes}).
 *
 * <p>It listens as soon as it is created (SageMaker expects the socket within 250 ms) but {@code
 * /ping} answers 503 until {@link #ready} hands it a loaded, warmed-up model. Event-loop threads
 * only frame, route and answer {@code /ping}; invocations run on one worker thread per admitted
 * request (workers plus queue; beyond that 503 from the headers, before the body is read).
 */
public final class InferenceServer implements AutoCloseable {

  private final HttpEdge edge;
  private final ExecutorService workers;
  private final AtomicReference<ImageClassifier> model;
  private final AtomicBoolean stopping;
  private final AtomicInteger inFlight;
  private final ServerLog log;

  private InferenceServer(
      HttpEdge edge,
      ExecutorService workers,
      AtomicReference<ImageClassifier> model,
      AtomicBoolean stopping,
      AtomicInteger inFlight,
      ServerLog log) {
    this.edge = edge;
    this.workers = workers;
    this.model = model;
    this.stopping = stopping;
    this.inFlight = inFlight;
    this.log = log;
  }

  /**
   * Binds the port of {@code env} (0 picks a free one) and serves; {@code /ping} answers 503 until
   * {@link #ready}.
   *
   * @throws IOException when the port cannot be bound
   */
  public static InferenceServer create(ServingEnvironment env, ServerLog log) throws IOException {
    AtomicReference<ImageClassifier> model = new AtomicReference<>();
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicInteger inFlight = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            env.workers() + env.queueCapacity(),
            runnable -> {
              Thread thread = new Thread(runnable, "invocation");
              thread.setDaemon(true);
              return thread;
            });
    ServingRoutes routes = new ServingRoutes(env, model, stopping, inFlight, workers, log);
    int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    try {
      HttpEdge edge =
          HttpEdge.bind(
              "serve", new InetSocketAddress(env.port()), env.maxPayloadBytes(), ioThreads, routes);
      return new InferenceServer(edge, workers, model, stopping, inFlight, log);
    } catch (IOException e) {
      workers.shutdownNow();
      throw e;
    }
  }

  /** Kept for callers that create then start; the server already serves once created. */
  public InferenceServer start() {
    return this;
  }

  /** The bound port. */
  public int port() {
    return edge.port();
  }

  /** Serves {@code classifier} from now on; {@code /ping} answers 200. */
  public void ready(ImageClassifier classifier) {
    model.set(classifier);
  }

  /** Requests admitted (from their headers) and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Whether the model is loaded and the server is not stopping. */
  public boolean isReady() {
    return model.get() != null && !stopping.get();
  }

  /**
   * Stops taking requests (503, and {@code /ping} 503) and lets the ones in flight finish within
   * {@code grace}. SageMaker sends SIGKILL 30 s after SIGTERM, so the caller passes less than that.
   * The model stays open: its owner closes it once this returns 0.
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
    edge.close(Duration.ofSeconds(2));
    workers.shutdown();
    log.info("stopped", Map.of("unfinishedRequests", unfinished));
    return unfinished;
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }
}
