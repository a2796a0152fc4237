package io.classroomml.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.http.Admission;
import io.classroomml.http.HttpApp;
import io.classroomml.http.HttpEdge;
import io.classroomml.http.Refusal;
import io.classroomml.http.ServerLog;
import io.classroomml.serving.InvocationException;
import io.classroomml.serving.ServingEnvironment;
import io.classroomml.serving.predict.ImageClassifier;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The container's routes on the {@link HttpEdge}: {@code GET /ping} and {@code GET
 * /execution-parameters} answered on the event loop, {@code POST /invocations} admitted from its
 * headers, then answered on the event loop when quick (see {@link InvocationHandler#invokeIfQuick})
 * and on a worker thread otherwise, so a health check waits behind one small request at most; and
 * the one place refusals become JSON bodies and log lines.
 */
final class ServingRoutes implements HttpApp {

  static final String PING = "/ping";
  static final String EXECUTION_PARAMETERS = "/execution-parameters";
  static final String INVOCATIONS = "/invocations";

  /** Body accepted (and ignored) on the GET routes. */
  static final long SMALL_BODY = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServingEnvironment env;
  private final AtomicReference<ImageClassifier> model;
  private final AtomicBoolean stopping;
  private final AtomicInteger inFlight;
  private final InvocationHandler invocations;
  private final Executor workers;
  private final ServerLog log;

  ServingRoutes(
      ServingEnvironment env,
      AtomicReference<ImageClassifier> model,
      AtomicBoolean stopping,
      AtomicInteger inFlight,
      Executor workers,
      ServerLog log) {
    this.env = env;
    this.model = model;
    this.stopping = stopping;
    this.inFlight = inFlight;
    this.invocations = new InvocationHandler(env, log);
    this.workers = workers;
    this.log = log;
  }

  @Override
  public Admission admit(HttpRequest request) {
    String path = path(request);
    if (path.equals(PING) || path.equals(EXECUTION_PARAMETERS)) {
      return Admission.accept(SMALL_BODY);
    }
    if (!path.equals(INVOCATIONS)) {
      return Admission.refuse(
          new Refusal(
              404,
              "NotFound",
              "no such path "
                  + path
                  + "; this server answers GET /ping, POST /invocations and"
                  + " GET /execution-parameters"));
    }
    try {
      inFlight.incrementAndGet();
      return invocations.admit(request, model.get(), stopping.get(), inFlight::decrementAndGet);
    } catch (InvocationException refusal) {
      inFlight.decrementAndGet();
      return Admission.refuse(ErrorResponses.of(refusal, ""));
    }
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
    switch (path(request)) {
      case PING -> HttpEdge.respond(ctx, request, ping());
      case EXECUTION_PARAMETERS -> {
        FullHttpResponse response =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(JSON.writeValueAsBytes(env.executionParameters())));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        HttpEdge.respond(ctx, request, response);
      }
      default -> {
        long start = System.nanoTime();
        byte[] body = ByteBufUtil.getBytes(request.content());
        ImageClassifier classifier = model.get();
        Optional<FullHttpResponse> now =
            invocations.invokeIfQuick(request, body, classifier, start);
        if (now.isPresent()) {
          HttpEdge.respond(ctx, request, now.get());
        } else {
          workers.execute(
              () ->
                  HttpEdge.respond(
                      ctx, request, invocations.invoke(request, body, classifier, start)));
        }
      }
    }
  }

  private FullHttpResponse ping() {
    if (model.get() != null && !stopping.get()) {
      return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    }
    return ErrorResponses.response(
        new Refusal(
            503,
            "ServiceUnavailable",
            stopping.get() ? "shutting down" : "the model is still loading"),
        "ping");
  }

  @Override
  public FullHttpResponse render(Refusal refusal, HttpRequest request) {
    String requestId =
        request == null
            ? java.util.UUID.randomUUID().toString()
            : InvocationHandler.requestId(request.headers());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("requestId", requestId);
    if (request != null) {
      fields.put("method", request.method().name());
      fields.put("path", path(request));
      fields.put("contentType", request.headers().get(HttpHeaderNames.CONTENT_TYPE));
      fields.put("accept", request.headers().get(HttpHeaderNames.ACCEPT));
    }
    fields.put("status", refusal.status());
    fields.put("error", refusal.error());
    fields.put("message", refusal.message());
    if (refusal.status() >= 500) {
      log.error("request-failed", fields, null);
    } else {
      log.warn("request-refused", fields);
    }
    FullHttpResponse response = ErrorResponses.response(refusal, requestId);
    if (refusal.status() == 405) {
      response.headers().set(HttpHeaderNames.ALLOW, "POST");
    }
    return response;
  }

  @Override
  public Refusal tooLarge(HttpRequest request, long size, long limit) {
    return ErrorResponses.of(new InvocationException.PayloadTooLargeException(size, limit), "");
  }

  private static String path(HttpRequest request) {
    String uri = request.uri();
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }
}
