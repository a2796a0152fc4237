package io.classroomml.serving.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.classroomml.http.ServerLog;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.InvocationException.ServiceUnavailableException;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.codec.Decoders;
import io.classroomml.serving.codec.Encoders;
import io.classroomml.serving.codec.ImageBatch;
import io.classroomml.serving.codec.Predictions;
import io.classroomml.serving.codec.RequestDecoder;
import io.classroomml.serving.predict.ImageClassifier;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /invocations}: admit (or 503), pick the decoder by {@code Content-Type} (or 415) and
 * the encoder by {@code Accept} (or 406), read the body within the limit (or 413), decode (or 400),
 * predict, encode. One log line per request with the time spent in the model and around it.
 */
final class InvocationHandler implements HttpHandler {

  /** SageMaker's request id header, logged to tie a request to its log line. */
  static final String INFERENCE_ID = "X-Amzn-SageMaker-Inference-Id";

  private final ServingEnvironment env;
  private final AtomicReference<ImageClassifier> model;
  private final BooleanSupplier stopping;
  private final Decoders decoders = Decoders.standard();
  private final Encoders encoders;
  private final Semaphore admitted;
  private final Semaphore decoding;
  private final ServerLog log;

  InvocationHandler(
      ServingEnvironment env,
      AtomicReference<ImageClassifier> model,
      BooleanSupplier stopping,
      ServerLog log) {
    this.env = env;
    this.model = model;
    this.stopping = stopping;
    this.encoders = Encoders.standard(env.defaultAccept());
    this.admitted = new Semaphore(env.workers() + env.queueCapacity());
    // Decoding is CPU-bound and a large image briefly needs a large bitmap: one per worker at once.
    this.decoding = new Semaphore(env.workers());
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String inferenceId = exchange.getRequestHeaders().getFirst(INFERENCE_ID);
    String requestId = inferenceId != null ? inferenceId : UUID.randomUUID().toString();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("requestId", requestId);
    fields.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
    fields.put("accept", exchange.getRequestHeaders().getFirst("Accept"));
    try {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        Exchanges.sendError(
            exchange,
            ErrorResponses.response(
                405, "MethodNotAllowed", "use POST for /invocations", requestId));
        return;
      }
      ImageClassifier classifier = model.get();
      if (classifier == null || stopping.getAsBoolean()) {
        throw new ServiceUnavailableException(
            classifier == null
                ? "the model is still loading; retry when /ping answers 200"
                : "the server is shutting down");
      }
      if (!admitted.tryAcquire()) {
        throw new ServiceUnavailableException(
            "all "
                + env.workers()
                + " workers are busy and "
                + env.queueCapacity()
                + " requests are waiting; retry with backoff");
      }
      try {
        invoke(exchange, classifier, fields, start);
      } finally {
        admitted.release();
      }
    } catch (Exception | Error failure) {
      Exchanges.fail(exchange, failure, requestId, fields, log);
    } finally {
      exchange.close();
    }
  }

  private void invoke(
      HttpExchange exchange, ImageClassifier classifier, Map<String, Object> fields, long start)
      throws IOException, InterruptedException {
    var headers = exchange.getRequestHeaders();
    RequestDecoder decoder = decoders.forContentType(headers.getFirst("Content-Type"));
    Encoders.Choice encoder =
        encoders.forAccept(String.join(",", headers.getOrDefault("Accept", java.util.List.of())));
    CustomAttributes attributes = CustomAttributes.parse(headers.getFirst(CustomAttributes.HEADER));
    int topK = topK(exchange, attributes);
    byte[] body = RequestBodies.read(exchange, env.maxPayloadBytes());
    if (body.length == 0) {
      throw new BadRequestException("the request body is empty; send an image");
    }
    ImageBatch batch;
    decoding.acquire();
    try {
      batch = decoder.decode(body, classifier.inputShape());
    } finally {
      decoding.release();
    }
    long modelStart = System.nanoTime();
    float[][] probabilities = classifier.predict(batch.pixels(), batch.count());
    long modelNanos = System.nanoTime() - modelStart;
    byte[] response =
        encoder.encoder().encode(new Predictions(classifier.classNames(), probabilities, topK));
    exchange.getResponseHeaders().set("Content-Type", encoder.contentType());
    exchange.getResponseHeaders().set(CustomAttributes.HEADER, attributes.raw());
    exchange.sendResponseHeaders(200, response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
    long totalNanos = System.nanoTime() - start;
    fields.put("status", 200);
    fields.put("images", batch.count());
    fields.put("bytesIn", body.length);
    fields.put("bytesOut", response.length);
    fields.put("modelMs", millis(modelNanos));
    fields.put("overheadMs", millis(totalNanos - modelNanos));
    fields.put("totalMs", millis(totalNanos));
    log.info("invocation", fields);
  }

  private int topK(HttpExchange exchange, CustomAttributes attributes) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if ((key.equals("k") || key.equals("top_k")) && eq > 0) {
          return CustomAttributes.parseTopK(pair.substring(eq + 1), "query parameter " + key);
        }
      }
    }
    return attributes.topK().orElse(env.defaultTopK());
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }
}
