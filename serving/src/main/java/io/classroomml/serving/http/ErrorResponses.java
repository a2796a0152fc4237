package io.classroomml.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.http.Refusal;
import io.classroomml.serving.InvocationException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where failures become HTTP answers: an {@link InvocationException} keeps its status
 * and message; anything else is a 500 whose body says only that the fault is ours and gives the
 * request id to find the log line (never a class name or a stack trace).
 */
public final class ErrorResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  /** The refusal for {@code failure} while serving request {@code requestId}. */
  public static Refusal of(Throwable failure, String requestId) {
    if (failure instanceof InvocationException refusal) {
      return new Refusal(refusal.status(), refusal.errorName(), refusal.getMessage());
    }
    return new Refusal(
        500,
        "InternalServerError",
        "the model server failed on this request; its log has the details under requestId "
            + requestId);
  }

  /** A JSON error body {@code {"error", "message", "requestId"}} with the refusal's status. */
  public static FullHttpResponse response(Refusal refusal, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", refusal.error());
    body.put("message", refusal.message());
    body.put("requestId", requestId);
    try {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(refusal.status()),
              Unpooled.wrappedBuffer(JSON.writeValueAsBytes(body)));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
