package io.classroomml.inference;

import io.classroomml.inference.client.InvokeCommand;
import io.classroomml.inference.gateway.GatewayCommand;
import io.classroomml.inference.http.InferenceServer;
import io.classroomml.inference.predict.DjlImageClassifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The inference image's entrypoint. SageMaker starts it as {@code <image> serve}; {@code gateway}
 * runs the local SageMaker Runtime API and {@code invoke} sends images to an endpoint.
 */
public final class ServeMain {

  /** SageMaker sends SIGKILL 30 s after SIGTERM; finish in-flight requests well before. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(25);

  /** Exit status for a bad setting or command line. */
  static final int EXIT_USAGE = 2;

  /** Exit status when the model cannot be loaded. */
  static final int EXIT_MODEL = 1;

  private ServeMain() {}

  /** Dispatches on the first argument: {@code serve}, {@code gateway} or {@code invoke}. */
  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "serve" -> serve();
      case "gateway" -> GatewayCommand.main(rest);
      case "invoke" -> System.exit(InvokeCommand.run(rest, System.out, System.err));
      default -> {
        System.err.println(
            "usage: serve | gateway --endpoint NAME=URL ... | invoke --endpoint NAME FILE ..."
                + " (got '"
                + command
                + "')");
        System.exit(EXIT_USAGE);
      }
    }
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
