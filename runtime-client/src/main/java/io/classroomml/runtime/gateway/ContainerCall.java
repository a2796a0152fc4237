package io.classroomml.runtime.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One invocation forwarded to an endpoint's container {@code /invocations}, as SageMaker does it:
 * only the headers SageMaker passes on, the container's time limit, and its answer turned into the
 * Runtime API's: the body with {@code x-Amzn-Invoked-Production-Variant}, 424 {@code ModelError}
 * for a container 4xx/5xx or a timeout, 503 when it cannot be reached.
 */
final class ContainerCall {

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

  /** How long the container has to accept the connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final Duration timeout;

  ContainerCall(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /**
   * Sends {@code body} with the forwarded {@code headers} to {@code target}; completes with the
   * Runtime API's answer (never exceptionally), noting what happened in {@code fields}.
   */
  CompletableFuture<FullHttpResponse> send(
      EndpointTarget target, HttpHeaders headers, byte[] body, Map<String, Object> fields) {
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(target.invocations())
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : FORWARDED) {
      String value = headers.get(header);
      if (value != null) {
        forward.header(header, value);
      }
    }
    return client
        .sendAsync(forward.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) ->
                failure == null
                    ? answer(target, response, fields)
                    : failed(target, unwrap(failure), fields));
  }

  private static FullHttpResponse answer(
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
                ? "it did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s"
                : "the connection closed before it answered";
    fields.put("error", "unreachable");
    fields.put("cause", String.valueOf(failure));
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
}
