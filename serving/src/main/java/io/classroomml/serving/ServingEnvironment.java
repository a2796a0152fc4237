package io.classroomml.serving;

import io.classroomml.contract.SageMakerPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the {@code serve} entrypoint reads from its environment, read once at start-up into an
 * immutable snapshot (the inference toolkit's {@code environment.py}, typed).
 *
 * <p>The SageMaker names come from <a
 * href="https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html">Use
 * your own inference code with hosting services</a>, <a
 * href="https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-batch-code.html">... with
 * batch transform</a> and the inference toolkit's {@code parameters.py}; the {@code CLASSROOM_*}
 * names are ours.
 *
 * @param paths the {@code /opt/ml} tree ({@code SAGEMAKER_BASE_DIR} moves it)
 * @param port the port to listen on
 * @param mode real-time or serverless hosting
 * @param workers how many requests run the model at the same time
 * @param queueCapacity how many more requests may wait for a worker before the server answers 503
 * @param maxPayloadBytes the largest request body accepted
 * @param invocationTimeout how long one request may wait for and use a worker
 * @param defaultAccept the response type for a missing or {@code * / *} {@code Accept}
 * @param defaultTopK how many classes a prediction lists unless the request asks otherwise
 * @param maxBatch the largest batch the model runs at once; bigger requests are split
 * @param batchTransform whether SageMaker runs this container for a batch transform job
 * @param batchStrategy {@code SINGLE_RECORD} or {@code MULTI_RECORD}, when the job set it
 * @param maxConcurrentTransforms the job's parallel requests, when the job set it
 * @param decodeBudgetBytes memory all images being decoded at once may take: by default half the
 *     heap (the images give the heap half the container's memory)
 */
public record ServingEnvironment(
    SageMakerPaths paths,
    int port,
    ServingMode mode,
    int workers,
    int queueCapacity,
    long maxPayloadBytes,
    Duration invocationTimeout,
    String defaultAccept,
    int defaultTopK,
    int maxBatch,
    boolean batchTransform,
    Optional<String> batchStrategy,
    Optional<Integer> maxConcurrentTransforms,
    long decodeBudgetBytes) {

  /** The port for multi-container endpoints and inference pipelines. */
  public static final String BIND_TO_PORT = "SAGEMAKER_BIND_TO_PORT";

  /** Largest request in MiB; set by batch transform jobs, honoured in every mode. */
  public static final String MAX_PAYLOAD_IN_MB = "SAGEMAKER_MAX_PAYLOAD_IN_MB";

  /** {@code true} when the container runs for a batch transform job. */
  public static final String BATCH = "SAGEMAKER_BATCH";

  /** {@code SINGLE_RECORD} or {@code MULTI_RECORD}, set by a batch transform job. */
  public static final String BATCH_STRATEGY = "SAGEMAKER_BATCH_STRATEGY";

  /** Parallel requests of a batch transform job. */
  public static final String MAX_CONCURRENT_TRANSFORMS = "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS";

  /** Worker count (the inference toolkit's name). */
  public static final String WORKERS = "SAGEMAKER_MODEL_SERVER_WORKERS";

  /** Per-request time limit in seconds (the inference toolkit's name). */
  public static final String TIMEOUT = "SAGEMAKER_MODEL_SERVER_TIMEOUT";

  /** Response type when {@code Accept} is missing or {@code * / *} (the toolkit's name). */
  public static final String DEFAULT_ACCEPT = "SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT";

  /** {@code realtime} (default) or {@code serverless}. */
  public static final String MODE = "CLASSROOM_SERVING_MODE";

  /** Waiting requests per worker before 503. */
  public static final String QUEUE_CAPACITY = "CLASSROOM_QUEUE_CAPACITY";

  /** Default number of classes per prediction. */
  public static final String TOP_K = "CLASSROOM_TOP_K";

  /** Largest batch the model runs at once (and is warmed up for). */
  public static final String MAX_BATCH = "CLASSROOM_MAX_BATCH";

  /** Memory in MiB for decoding images, all requests together; default half the heap. */
  public static final String DECODE_BUDGET_MB = "CLASSROOM_DECODE_BUDGET_MB";

  /** SageMaker sends requests to port 8080. */
  public static final int DEFAULT_PORT = 8080;

  /** SageMaker's invocation time limit: 60 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The toolkit's default response type. */
  public static final String DEFAULT_ACCEPT_TYPE = "application/json";

  /** Waiting requests allowed per worker. */
  public static final int DEFAULT_QUEUE_PER_WORKER = 8;

  /** Classes listed per prediction. */
  public static final int DEFAULT_TOP_K = 3;

  /** Images per model call: 32 is where a small CNN on CPU stops gaining throughput. */
  public static final int DEFAULT_MAX_BATCH = 32;

  /** Batch transform allows up to 100 MB per request. */
  public static final int MAX_PAYLOAD_LIMIT_MB = 100;

  private static final long MIB = 1024L * 1024L;

  /** Reads the environment of this process. */
  public static ServingEnvironment fromSystem() {
    return from(System.getenv(), Runtime.getRuntime().availableProcessors());
  }

  /** Reads {@code env} with this JVM's heap as the memory the decode budget comes from. */
  public static ServingEnvironment from(Map<String, String> env, int cores) {
    return from(env, cores, Runtime.getRuntime().maxMemory());
  }

  /**
   * Reads {@code env}, with {@code cores} as the default worker count of a real-time endpoint and
   * {@code heapBytes} as the memory the default decode budget is half of.
   *
   * @throws ConfigurationException naming the first variable with a bad value
   */
  public static ServingEnvironment from(Map<String, String> env, int cores, long heapBytes) {
    Reader read = new Reader(env);
    ServingMode mode =
        read.optional(MODE)
            .map(
                v ->
                    ServingMode.byId(v)
                        .orElseThrow(
                            () -> new ConfigurationException(MODE, v, "realtime or serverless")))
            .orElse(ServingMode.REALTIME);
    int defaultWorkers = mode == ServingMode.SERVERLESS ? 1 : Math.max(1, cores);
    int workers = read.integer(WORKERS, defaultWorkers, 1, 1024);
    int payloadMb =
        read.integer(MAX_PAYLOAD_IN_MB, mode.payloadMegabytes(), 1, MAX_PAYLOAD_LIMIT_MB);
    boolean batch = read.optional(BATCH).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    Optional<String> strategy =
        read.optional(BATCH_STRATEGY)
            .map(
                v ->
                    switch (v.toUpperCase(Locale.ROOT).replace("_", "")) {
                      case "SINGLERECORD" -> "SINGLE_RECORD";
                      case "MULTIRECORD" -> "MULTI_RECORD";
                      default ->
                          throw new ConfigurationException(
                              BATCH_STRATEGY, v, "SINGLE_RECORD or MULTI_RECORD");
                    });
    Optional<Integer> concurrent =
        read.optional(MAX_CONCURRENT_TRANSFORMS)
            .map(v -> read.integer(MAX_CONCURRENT_TRANSFORMS, 1, 1, 1024));
    return new ServingEnvironment(
        SageMakerPaths.fromEnvironment(env),
        read.integer(BIND_TO_PORT, DEFAULT_PORT, 0, 65535),
        mode,
        workers,
        read.integer(QUEUE_CAPACITY, workers * DEFAULT_QUEUE_PER_WORKER, 0, 100_000),
        payloadMb * MIB,
        Duration.ofSeconds(read.integer(TIMEOUT, (int) DEFAULT_TIMEOUT.toSeconds(), 1, 3600)),
        read.optional(DEFAULT_ACCEPT).orElse(DEFAULT_ACCEPT_TYPE),
        read.integer(TOP_K, DEFAULT_TOP_K, 1, 1000),
        read.integer(MAX_BATCH, DEFAULT_MAX_BATCH, 1, 4096),
        batch,
        strategy,
        concurrent,
        read.integer(DECODE_BUDGET_MB, (int) Math.max(16, heapBytes / 2 / MIB), 16, 1 << 20) * MIB);
  }

  /** Where the model is: {@code /opt/ml/model}. */
  public Path modelDir() {
    return paths.model();
  }

  /** This environment on another port (tests use 0 for a free one). */
  public ServingEnvironment withPort(int newPort) {
    return new ServingEnvironment(
        paths,
        newPort,
        mode,
        workers,
        queueCapacity,
        maxPayloadBytes,
        invocationTimeout,
        defaultAccept,
        defaultTopK,
        maxBatch,
        batchTransform,
        batchStrategy,
        maxConcurrentTransforms,
        decodeBudgetBytes);
  }

  /**
   * The answer to {@code GET /execution-parameters}: what a batch transform job should use unless
   * its request says otherwise. Without this, SageMaker would send one request at a time.
   */
  public Map<String, Object> executionParameters() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("MaxConcurrentTransforms", maxConcurrentTransforms.orElse(workers));
    params.put("BatchStrategy", batchStrategy.orElse("MULTI_RECORD"));
    params.put("MaxPayloadInMB", maxPayloadBytes / MIB);
    return params;
  }

  /** Reads variables, treating blank values as unset (CloudFormation cannot delete a key). */
  private record Reader(Map<String, String> env) {

    Optional<String> optional(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    int integer(String name, int defaultValue, int min, int max) {
      Optional<String> raw = optional(name);
      if (raw.isEmpty()) {
        return defaultValue;
      }
      try {
        int value = Integer.parseInt(raw.get());
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below with the valid range
      }
      throw new ConfigurationException(
          name, raw.get(), "a whole number from " + min + " to " + max);
    }
  }
}
