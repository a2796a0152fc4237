package io.classroomml.serving.http;

import io.classroomml.http.Admission;
import io.classroomml.http.ServerLog;
import io.classroomml.serving.InvocationException;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.InvocationException.ServiceUnavailableException;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.codec.DecodeBudget;
import io.classroomml.serving.codec.Decoders;
import io.classroomml.serving.codec.Encoders;
import io.classroomml.serving.codec.ImageBatch;
import io.classroomml.serving.codec.Predictions;
import io.classroomml.serving.codec.RequestDecoder;
import io.classroomml.serving.predict.ImageClassifier;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /invocations}. From the headers alone, before the body is read: the method (or 405),
 * a loaded model and a free slot among workers plus queue (or 503), a decoder for {@code
 * Content-Type} (or 415), an encoder for {@code Accept} (or 406), valid custom attributes and
 * {@code k} (or 400). Then, on the event loop when the request is quick, else on a worker thread:
 * decode (or 400/413), predict, encode, and one log line with the time in the model and around it
 * and the CPU time the thread spent.
 */
final class InvocationHandler {

  /** SageMaker's request id header, logged to tie a request to its log line. */
  static final String INFERENCE_ID = "X-Amzn-SageMaker-Inference-Id";

  /** The largest body {@link #invokeIfQuick} answers on the event loop: about 20 CIFAR records. */
  static final int QUICK_BODY_BYTES = 64 * 1024;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The longest a decode waits for memory other decodes hold. */
  static final Duration DECODE_WAIT = Duration.ofSeconds(10);

  /** What a request asks for, read from its line and headers. */
  record Call(
      String requestId,
      RequestDecoder decoder,
      Encoders.Choice encoder,
      CustomAttributes attributes,
      int topK) {}

  private final ServingEnvironment env;
  private final Decoders decoders;
  private final Encoders encoders;
  private final Semaphore admitted;
  private final Semaphore decoding;
  private final ServerLog log;

  InvocationHandler(ServingEnvironment env, ServerLog log) {
    this.env = env;
    this.decoders =
        Decoders.standard(
            new DecodeBudget(
                env.decodeBudgetBytes(),
                Math.max(1, env.workers() / 2),
                env.invocationTimeout().compareTo(DECODE_WAIT) < 0
                    ? env.invocationTimeout()
                    : DECODE_WAIT));
    this.encoders = Encoders.standard(env.defaultAccept());
    this.admitted = new Semaphore(env.workers() + env.queueCapacity());
    // Decoding is CPU-bound and a body's parsed form (a JSON tree of pixels) can take many times
    // its size: as many decodes at once as there are workers, not one per admitted request.
    this.decoding = new Semaphore(env.workers());
    this.log = log;
  }

  /** The request id: SageMaker's inference id when given, else a new one. */
  static String requestId(HttpHeaders headers) {
    String id = headers.get(INFERENCE_ID);
    return id != null ? id : UUID.randomUUID().toString();
  }

  /**
   * Admits a request from its headers, taking a slot among workers plus queue that is given back
   * (with {@code onDone}) once it is answered.
   *
   * @throws InvocationException the refusal, before any body is read
   */
  Admission admit(
      HttpRequest request, ImageClassifier classifier, boolean stopping, Runnable onDone) {
    if (!request.method().equals(HttpMethod.POST)) {
      throw new MethodNotAllowed();
    }
    if (classifier == null || stopping) {
      throw new ServiceUnavailableException(
          classifier == null
              ? "the model is still loading; retry when /ping answers 200"
              : "the server is shutting down");
    }
    call(request, ""); // throws the refusal for a bad Content-Type, Accept, attributes or k
    if (!admitted.tryAcquire()) {
      throw new ServiceUnavailableException(
          "all "
              + env.workers()
              + " workers are busy and "
              + env.queueCapacity()
              + " requests are waiting; retry with backoff");
    }
    return Admission.accept(
        env.maxPayloadBytes(),
        () -> {
          admitted.release();
          onDone.run();
        });
  }

  /** Reads what {@code request} asks for; throws its refusal. */
  Call call(HttpRequest request, String requestId) {
    HttpHeaders headers = request.headers();
    RequestDecoder decoder = decoders.forContentType(headers.get(HttpHeaderNames.CONTENT_TYPE));
    Encoders.Choice encoder =
        encoders.forAccept(String.join(",", headers.getAll(HttpHeaderNames.ACCEPT)));
    CustomAttributes attributes = CustomAttributes.parse(headers.get(CustomAttributes.HEADER));
    return new Call(requestId, decoder, encoder, attributes, topK(request.uri(), attributes));
  }

  /**
   * Answers a quick request on the calling thread, the connection's event loop: a body of at most
   * {@link #QUICK_BODY_BYTES} whose decoding cost follows from its length, while a model worker is
   * free. Such a request costs about a millisecond of model time; handing it to a worker would add
   * two thread wake-ups, which on a small machine cost as much CPU as the HTTP work itself. A
   * {@code /ping} behind it on the same loop waits at most that long.
   *
   * @return the response, or empty when the request is not quick (hand it to {@link #invoke})
   */
  Optional<FullHttpResponse> invokeIfQuick(
      HttpRequest request, byte[] body, ImageClassifier classifier, long startNanos) {
    if (body.length == 0 || body.length > QUICK_BODY_BYTES) {
      return Optional.empty();
    }
    RequestDecoder decoder;
    try {
      decoder = decoders.forContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    } catch (InvocationException e) {
      return Optional.empty(); // refused the usual way, on a worker
    }
    if (!decoder.costFollowsBodyLength()) {
      return Optional.empty();
    }
    return Optional.ofNullable(answer(request, body, classifier, startNanos, true));
  }

  /** Decodes, predicts and encodes {@code body}; runs on a worker thread, never throws. */
  FullHttpResponse invoke(
      HttpRequest request, byte[] body, ImageClassifier classifier, long startNanos) {
    return answer(request, body, classifier, startNanos, false);
  }

  /**
   * The answer to one invocation, and its log line; never throws. When {@code quick}, returns null
   * (having logged nothing) if no model worker is free at once.
   */
  private FullHttpResponse answer(
      HttpRequest request,
      byte[] body,
      ImageClassifier classifier,
      long startNanos,
      boolean quick) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    String requestId = requestId(request.headers());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("requestId", requestId);
    fields.put("contentType", request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    fields.put("accept", request.headers().get(HttpHeaderNames.ACCEPT));
    try {
      Call call = call(request, requestId);
      if (body.length == 0) {
        throw new BadRequestException("the request body is empty; send an image");
      }
      ImageBatch batch =
          quick
              ? call.decoder().decode(body, classifier.inputShape())
              : decode(call, body, classifier);
      long modelStart = System.nanoTime();
      float[][] probabilities;
      if (quick) {
        Optional<float[][]> now = classifier.predictIfIdle(batch.pixels(), batch.count());
        if (now.isEmpty()) {
          return null;
        }
        probabilities = now.get();
      } else {
        probabilities = classifier.predict(batch.pixels(), batch.count());
      }
      long modelNanos = System.nanoTime() - modelStart;
      byte[] encoded =
          call.encoder()
              .encoder()
              .encode(new Predictions(classifier.classNames(), probabilities, call.topK()));
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(encoded));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, call.encoder().contentType());
      response.headers().set(CustomAttributes.HEADER, call.attributes().raw());
      long totalNanos = System.nanoTime() - startNanos;
      fields.put("status", 200);
      fields.put("images", batch.count());
      fields.put("bytesIn", body.length);
      fields.put("bytesOut", encoded.length);
      fields.put("modelMs", millis(modelNanos));
      fields.put("overheadMs", millis(totalNanos - modelNanos));
      fields.put("totalMs", millis(totalNanos));
      fields.put("cpuMs", millis(THREADS.getCurrentThreadCpuTime() - cpuStart));
      fields.put("ranOn", quick ? "event-loop" : "worker");
      log.info("invocation", fields);
      return response;
    } catch (Exception | Error failure) {
      var refusal = ErrorResponses.of(failure, requestId);
      fields.put("status", refusal.status());
      fields.put("error", refusal.error());
      fields.put("bytesIn", body.length);
      if (failure instanceof InvocationException) {
        fields.put("message", refusal.message());
        log.warn("invocation-refused", fields);
      } else {
        fields.put("message", failure.toString());
        log.error("invocation-failed", fields, failure);
      }
      return ErrorResponses.response(refusal, requestId);
    }
  }

  /** Decodes on a worker: as many decodes at once as workers, image files within the budget. */
  private ImageBatch decode(Call call, byte[] body, ImageClassifier classifier)
      throws InterruptedException {
    decoding.acquire();
    try {
      return call.decoder().decode(body, classifier.inputShape());
    } finally {
      decoding.release();
    }
  }

  private int topK(String uri, CustomAttributes attributes) {
    Map<String, List<String>> query;
    try {
      query = new QueryStringDecoder(uri).parameters();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "the query string is not valid percent-encoding; encode '%' as %25");
    }
    for (String key : List.of("k", "top_k")) {
      List<String> values = query.get(key);
      if (values != null && !values.isEmpty()) {
        return CustomAttributes.parseTopK(values.get(0), "query parameter " + key);
      }
    }
    return attributes.topK().orElse(env.defaultTopK());
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }

  /** 405 for anything but POST. */
  static final class MethodNotAllowed extends InvocationException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed() {
      super(405, "use POST for /invocations");
    }
  }
}
