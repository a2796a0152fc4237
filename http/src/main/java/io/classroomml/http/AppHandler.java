package io.classroomml.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Hands each complete, admitted request to the application; anything the application lets escape
 * becomes its 500 refusal rather than a dropped connection.
 */
final class AppHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final HttpApp app;

  AppHandler(HttpApp app) {
    this.app = app;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    try {
      app.handle(ctx, request);
    } catch (Exception | Error e) {
      HttpEdge.respond(ctx, request, app.render(HttpEdge.internalFault(), request));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset connection, or a fault in a handler: nobody is left to answer on this connection.
    ctx.close();
  }
}
