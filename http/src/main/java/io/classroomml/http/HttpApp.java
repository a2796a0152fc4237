package io.classroomml.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

/**
 * An application behind the {@link HttpEdge}: it admits or refuses each request from its headers,
 * handles the complete requests it admitted, and is the one place where refusals become bodies.
 */
public interface HttpApp {

  /**
   * Decides from the request line and headers, before any body is read. Runs on the event loop:
   * must not block.
   */
  Admission admit(HttpRequest request);

  /**
   * Handles an admitted request whose body is complete. Runs on the event loop: hand slow work to
   * another thread and answer with {@link HttpEdge#respond}. The edge releases {@code request}
   * after this returns; retain what is used later.
   */
  void handle(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception;

  /**
   * The response for {@code refusal} of {@code request} (null when the request line itself could
   * not be read); also writes the refusal's log line.
   */
  FullHttpResponse render(Refusal refusal, HttpRequest request);

  /** The refusal for a body over {@code limit} bytes ({@code size} -1 when not declared). */
  default Refusal tooLarge(HttpRequest request, long size, long limit) {
    return Refusal.tooLarge(size, limit);
  }
}
