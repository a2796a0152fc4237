package io.classroomml.runtime.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the model container behind the gateway: answers every request with the answer set
 * last and remembers the request it got, so gateway tests check forwarding and error mapping
 * without loading a model (the model server through the gateway is tested end to end in {@code
 * test/}).
 */
public final class FakeContainer implements AutoCloseable {

  /** One canned answer. */
  public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {}

  /** What the container received. */
  public record Received(String path, Map<String, List<String>> headers, byte[] body) {}

  private final HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final AtomicReference<Received> received = new AtomicReference<>();

  private FakeContainer(HttpServer server) {
    this.server = server;
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            received.set(new Received(exchange.getRequestURI().getPath(), headers, body));
            Answer a = answer.get();
            a.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", a.contentType());
            exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            if (a.body().length > 0) {
              exchange.getResponseBody().write(a.body());
            }
          }
        });
  }

  /** A container on a free port answering 200 {@code {}} until told otherwise. */
  public static FakeContainer start() {
    try {
      FakeContainer container =
          new FakeContainer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
      container.answer(200, "application/json", "{}".getBytes(), Map.of());
      container.server.start();
      return container;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers every later request with this. */
  public void answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    answer.set(new Answer(status, contentType, body, headers));
  }

  /** The last request received, or null. */
  public Received received() {
    return received.get();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
