package io.classroomml.serving.http;

import com.sun.net.httpserver.HttpExchange;
import io.classroomml.http.ServerLog;
import io.classroomml.serving.InvocationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writing answers on an exchange, and the one error path every handler shares. */
final class Exchanges {

  private Exchanges() {}

  /** Sends a JSON body with {@code status}. */
  static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Sends an error body. */
  static void sendError(HttpExchange exchange, ErrorResponses.ErrorResponse error)
      throws IOException {
    if (error.status() == 413) {
      // The rest of the body is not read; the connection cannot carry another request.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    sendJson(exchange, error.status(), error.body());
  }

  /**
   * Answers {@code failure} and writes its one log line: WARN for a refused request, ERROR with the
   * stack trace for our own fault. A failure to answer (the client went away) is only logged.
   */
  static void fail(
      HttpExchange exchange,
      Throwable failure,
      String requestId,
      Map<String, Object> fields,
      ServerLog log) {
    ErrorResponses.ErrorResponse error = ErrorResponses.of(failure, requestId);
    fields.put("status", error.status());
    fields.put("error", error.error());
    fields.put(
        "message", failure instanceof InvocationException ? error.message() : failure.toString());
    try {
      sendError(exchange, error);
    } catch (IOException | RuntimeException e) {
      fields.put("responseFailure", e.toString());
    } finally {
      exchange.close();
    }
    if (failure instanceof InvocationException) {
      log.warn("invocation-refused", fields);
    } else {
      log.error("invocation-failed", fields, failure);
    }
  }
}
