package io.classroomml.runtime.gateway;

import io.classroomml.http.Admission;
import io.classroomml.http.HttpApp;
import io.classroomml.http.HttpEdge;
import io.classroomml.http.Refusal;
import io.classroomml.http.ServerLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SageMaker Runtime API in front of local endpoints, so that the unmodified AWS SDK v2 {@code
 * SageMakerRuntimeClient} with {@code endpointOverride} works against containers on this machine
 * (the Python SDK's local mode has no such gateway; it calls the container directly).
 *
 * <p>{@code POST /endpoints/{name}/invocations} (after any path prefix of the override URL) is
 * checked against InvokeEndpoint's documented limits before its body is read ({@link
 * InvokeEndpointRules}: 400 {@code ValidationError}; an unknown endpoint too; a body over the
 * endpoint's limit 413), then sent to the endpoint's container {@code /invocations} with the
 * headers SageMaker forwards, without blocking a thread while the container works. A container 4xx
 * or 5xx becomes 424 {@code ModelError} with {@code OriginalStatusCode} and {@code
 * OriginalMessage}; the container has {@link #DEFAULT_TIMEOUT} to answer. Requests are not
 * authenticated: it listens for local tools only.
 */
public final class RuntimeGateway implements AutoCloseable, HttpApp {

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

  private static final Pattern INVOKE = Pattern.compile("(?:/.*)?/endpoints/([^/]+)/invocations");

  private final Duration timeout;
  private final Map<String, EndpointTarget> endpoints = new ConcurrentHashMap<>();
  private final HttpClient client;
  private final ServerLog log;
  private HttpEdge edge;

  private RuntimeGateway(Duration timeout, ServerLog log) {
    this.timeout = timeout;
    this.log = log;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * Listens on {@code port} (0 picks a free one) on all interfaces.
   *
   * @param timeout how long a container may take to answer (SageMaker: 60 s)
   */
  public static RuntimeGateway create(int port, Duration timeout, ServerLog log)
      throws IOException {
    RuntimeGateway gateway = new RuntimeGateway(timeout, log);
    gateway.edge =
        HttpEdge.bind(
            "gateway",
            new InetSocketAddress(port),
            EndpointTarget.REALTIME_MAX_PAYLOAD,
            2,
            gateway);
    return gateway;
  }

  /** Kept for callers that create then start; the gateway serves once created. */
  public RuntimeGateway start() {
    return this;
  }

  /** The bound port. */
  public int port() {
    return edge.port();
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

  @Override
  public Admission admit(HttpRequest request) {
    String path = rawPath(request.uri());
    Matcher m = INVOKE.matcher(path);
    if (!m.matches() || !request.method().equals(HttpMethod.POST)) {
      return Admission.refuse(RuntimeErrors.unknownOperation(request.method() + " " + path));
    }
    String name;
    try {
      name = URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Admission.refuse(
          RuntimeErrors.validation(
              "the endpoint name in the path "
                  + path
                  + " is not valid percent-encoding; encode '%' as %25"));
    }
    List<String> violations = InvokeEndpointRules.violations(name, request.headers());
    if (!violations.isEmpty()) {
      return Admission.refuse(RuntimeErrors.validation(InvokeEndpointRules.message(violations)));
    }
    EndpointTarget target = endpoints.get(name);
    if (target == null) {
      return Admission.refuse(
          RuntimeErrors.validation(
              "Endpoint " + name + " of account " + RuntimeErrors.LOCAL_ACCOUNT + " not found."));
    }
    return Admission.accept(target.maxPayloadBytes());
  }

  @Override
  public Refusal tooLarge(HttpRequest request, long size, long limit) {
    return RuntimeErrors.tooLarge(limit);
  }

  @Override
  public FullHttpResponse render(Refusal refusal, HttpRequest request) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (request != null) {
      fields.put("path", rawPath(request.uri()));
    }
    fields.put("status", refusal.status());
    fields.put("error", refusal.error());
    fields.put("message", refusal.message());
    log.warn("gateway-refused", fields);
    return RuntimeErrors.response(refusal);
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    long start = System.nanoTime();
    Matcher m = INVOKE.matcher(rawPath(request.uri()));
    m.matches();
    String name = URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    EndpointTarget target = endpoints.get(name);
    if (target == null) { // removed while the body was read
      HttpEdge.respond(
          ctx,
          request,
          render(
              RuntimeErrors.validation(
                  "Endpoint "
                      + name
                      + " of account "
                      + RuntimeErrors.LOCAL_ACCOUNT
                      + " not found."),
              request));
      return;
    }
    if (request.content().readableBytes() > target.maxPayloadBytes()) { // a chunked body
      HttpEdge.respond(
          ctx, request, render(RuntimeErrors.tooLarge(target.maxPayloadBytes()), request));
      return;
    }
    java.net.http.HttpRequest.Builder forward =
        java.net.http.HttpRequest.newBuilder(target.invocations())
            .timeout(timeout)
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                    ByteBufUtil.getBytes(request.content())));
    for (String header : FORWARDED) {
      String value = request.headers().get(header);
      if (value != null) {
        forward.header(header, value);
      }
    }
    client
        .sendAsync(forward.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("endpoint", target.name());
              FullHttpResponse answer =
                  failure == null
                      ? answer(target, response, fields)
                      : failed(target, unwrap(failure), fields);
              fields.put("status", answer.status().code());
              fields.put("totalMs", (System.nanoTime() - start) / 1_000_000.0);
              HttpEdge.respond(ctx, request, answer);
              log.info("gateway-invocation", fields);
              return null;
            });
  }

  private FullHttpResponse answer(
      EndpointTarget target, HttpResponse<byte[]> response, Map<String, Object> fields) {
    int status = response.statusCode();
    fields.put("containerStatus", status);
    if (status >= 400) {
      String original = new String(response.body(), StandardCharsets.UTF_8);
      return RuntimeErrors.modelError(
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
    }
    FullHttpResponse ok =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(response.body()));
    ok.headers()
        .set(
            HttpHeaderNames.CONTENT_TYPE,
            response.headers().firstValue("Content-Type").orElse("application/octet-stream"))
        .set(CUSTOM_ATTRIBUTES, response.headers().firstValue(CUSTOM_ATTRIBUTES).orElse(""))
        .set(INVOKED_VARIANT, target.variant());
    return ok;
  }

  private FullHttpResponse failed(
      EndpointTarget target, Throwable failure, Map<String, Object> fields) {
    if (failure instanceof HttpTimeoutException
        && !(failure instanceof HttpConnectTimeoutException)) {
      fields.put("error", "timeout");
      return RuntimeErrors.modelError(
          target.name(),
          null,
          "",
          "Your invocation timed out while waiting for a response from container primary after "
              + timeout.toSeconds()
              + " s.");
    }
    String why =
        failure instanceof ConnectException
            ? "nothing accepts connections there (is the container running?)"
            : failure instanceof HttpConnectTimeoutException
                ? "it did not accept a connection within 5 s"
                : "the connection closed before it answered";
    fields.put("error", "unreachable");
    fields.put("message", String.valueOf(failure));
    return RuntimeErrors.response(
        RuntimeErrors.unavailable(
            "the container for endpoint "
                + target.name()
                + " at "
                + target.container()
                + " cannot be reached: "
                + why));
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static String rawPath(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  /** Stops listening; forwards still in flight are abandoned. */
  @Override
  public void close() {
    edge.close(Duration.ofSeconds(1));
  }
}
