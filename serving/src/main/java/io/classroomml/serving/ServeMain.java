package io.classroomml.serving;

import io.classroomml.http.ServerLog;
import io.classroomml.serving.http.InferenceServer;
import io.classroomml.serving.predict.DjlImageClassifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The inference image's entrypoint. SageMaker starts it as {@code <image> serve}; the gateway and
 * the invoke client live in the {@code runtime-client} module, so this image carries no AWS SDK.
 */
public final class ServeMain {

  /** SageMaker sends SIGKILL 30 s after SIGTERM; finish in-flight requests well before. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(25);

  /** Exit status for a bad setting or command line. */
  static final int EXIT_USAGE = 2;

  /** Exit status when the model cannot be loaded. */
  static final int EXIT_MODEL = 1;

  private ServeMain() {}

  /** Runs {@code serve}, the one command SageMaker sends. */
  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    if (!command.equals("serve")) {
      System.err.println("usage: serve (got '" + command + "')");
      System.exit(EXIT_USAGE);
    }
    serve();
  }

  private static void serve() {
    long start = System.nanoTime();
    ServerLog log = ServerLog.stdout();
    ServingEnvironment env;
    try {
      env = ServingEnvironment.fromSystem();
    } catch (ConfigurationException e) {
      log.warn("bad-configuration", Map.of("message", e.getMessage()));
      System.exit(EXIT_USAGE);
      return;
    }
    configureTorchThreads(env);
    InferenceServer server;
    try {
      server = InferenceServer.create(env, log).start();
    } catch (java.io.IOException e) {
      log.error("bind-failed", Map.of("port", env.port(), "message", e.toString()), e);
      System.exit(EXIT_USAGE);
      return;
    }
    AtomicReference<DjlImageClassifier> loaded = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (server.stop(SHUTDOWN_GRACE) == 0 && loaded.get() != null) {
                    loaded.get().close();
                  }
                },
                "shutdown"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("port", server.port());
    fields.put("mode", env.mode().id());
    fields.put("workers", env.workers());
    fields.put("queueCapacity", env.queueCapacity());
    fields.put("maxPayloadBytes", env.maxPayloadBytes());
    fields.put("decodeBudgetBytes", env.decodeBudgetBytes());
    fields.put("modelDir", env.modelDir().toString());
    log.info("listening", fields);
    try {
      DjlImageClassifier classifier =
          DjlImageClassifier.load(
              env.modelDir(), env.workers(), env.maxBatch(), env.invocationTimeout());
      loaded.set(classifier);
      server.ready(classifier);
      log.info(
          "ready",
          Map.of(
              "startupMs",
              (System.nanoTime() - start) / 1_000_000,
              "inputShape",
              classifier.inputShape().toString(),
              "classes",
              classifier.classNames().size()));
    } catch (Exception | Error e) {
      log.error("model-load-failed", Map.of("message", String.valueOf(e.getMessage())), e);
      System.exit(EXIT_MODEL);
    }
  }

  /**
   * Splits the cores between workers so that parallel requests do not oversubscribe the CPU (DJL's
   * default gives every predictor all cores); explicit {@code -D} settings win.
   */
  private static void configureTorchThreads(ServingEnvironment env) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty(
          "ai.djl.pytorch.num_threads", String.valueOf(Math.max(1, cores / env.workers())));
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    System.setProperty("ai.djl.offline", "true");
  }
}
