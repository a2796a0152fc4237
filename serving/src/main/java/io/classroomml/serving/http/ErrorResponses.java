package io.classroomml.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.serving.InvocationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where failures become HTTP answers: an {@link InvocationException} keeps its status
 * and message; anything else is a 500 whose body says only that the fault is ours and gives the
 * request id to find the log line (never a stack trace).
 */
public final class ErrorResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The status and JSON body for a failure. */
  public record ErrorResponse(int status, String error, String message, byte[] body) {}

  private ErrorResponses() {}

  /** The answer for {@code failure} while serving request {@code requestId}. */
  public static ErrorResponse of(Throwable failure, String requestId) {
    if (failure instanceof InvocationException refusal) {
      return response(refusal.status(), refusal.errorName(), refusal.getMessage(), requestId);
    }
    return response(
        500,
        "InternalServerError",
        "the model server failed on this request; its log has the details under requestId "
            + requestId,
        requestId);
  }

  /** A JSON error body {@code {"error", "message", "requestId"}} with {@code status}. */
  public static ErrorResponse response(int status, String error, String message, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    body.put("requestId", requestId);
    try {
      return new ErrorResponse(status, error, message, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
