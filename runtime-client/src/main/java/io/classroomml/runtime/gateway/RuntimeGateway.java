package io.classroomml.runtime.gateway;

import io.classroomml.http.Admission;
import io.classroomml.http.HttpApp;
import io.classroomml.http.HttpEdge;
import io.classroomml.http.Refusal;
import io.classroomml.http.ServerLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final Pattern INVOKE = Pattern.compile("(?:/.*)?/endpoints/([^/]+)/invocations");

  private final Map<String, EndpointTarget> endpoints = new ConcurrentHashMap<>();
  private final ContainerCall containers;
  private final ServerLog log;
  private HttpEdge edge;

  private RuntimeGateway(Duration timeout, ServerLog log) {
    this.containers = new ContainerCall(timeout);
    this.log = log;
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
    Optional<String> name = decode(m.group(1));
    if (name.isEmpty()) {
      return Admission.refuse(
          RuntimeErrors.validation(
              "the endpoint name in the path "
                  + path
                  + " is not valid percent-encoding; encode '%' as %25"));
    }
    List<String> violations = InvokeEndpointRules.violations(name.get(), request.headers());
    if (!violations.isEmpty()) {
      return Admission.refuse(RuntimeErrors.validation(InvokeEndpointRules.message(violations)));
    }
    EndpointTarget target = endpoints.get(name.get());
    if (target == null) {
      return Admission.refuse(RuntimeErrors.notFound(name.get()));
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
    String name = m.matches() ? decode(m.group(1)).orElse("") : "";
    EndpointTarget target = endpoints.get(name);
    if (target == null) { // removed while the body was read
      HttpEdge.respond(ctx, request, render(RuntimeErrors.notFound(name), request));
      return;
    }
    if (request.content().readableBytes() > target.maxPayloadBytes()) { // a chunked body
      HttpEdge.respond(
          ctx, request, render(RuntimeErrors.tooLarge(target.maxPayloadBytes()), request));
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("endpoint", target.name());
    containers
        .send(target, request.headers(), ByteBufUtil.getBytes(request.content()), fields)
        .thenAccept(
            answer -> {
              fields.put("status", answer.status().code());
              fields.put("totalMs", (System.nanoTime() - start) / 1_000_000.0);
              HttpEdge.respond(ctx, request, answer);
              log.info("gateway-invocation", fields);
            });
  }

  /** A percent-decoded path segment ({@code +} is itself there), or empty when malformed. */
  private static Optional<String> decode(String segment) {
    try {
      return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
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
