package io.classroomml.serving.http;

import com.sun.net.httpserver.HttpExchange;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.InvocationException.PayloadTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a size limit that is enforced before the body is read. */
final class RequestBodies {

  private static final int CHUNK = 64 * 1024;

  private RequestBodies() {}

  /**
   * The whole body of {@code exchange}.
   *
   * @throws PayloadTooLargeException when {@code Content-Length} is over {@code limit} (nothing
   *     read) or a chunked body grows past it (at most {@code limit + 1} bytes read)
   */
  static byte[] read(HttpExchange exchange, long limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new BadRequestException("Content-Length '" + declared + "' is not a number");
      }
      if (length > limit) {
        throw new PayloadTooLargeException(length, limit);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(length >= 0 ? (int) length : CHUNK);
    byte[] buffer = new byte[CHUNK];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (body.size() + (long) n > limit) {
          throw new PayloadTooLargeException(-1, limit);
        }
        body.write(buffer, 0, n);
      }
    }
    return body.toByteArray();
  }
}
