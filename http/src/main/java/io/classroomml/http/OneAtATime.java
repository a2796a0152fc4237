package io.classroomml.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One request at a time per connection: a pipelined request waits (and the connection stops
 * reading) until the answer to the one before it is written, so answers keep their order and a
 * client cannot queue unbounded work on one connection. Also closes connections idle with no
 * request pending.
 */
final class OneAtATime extends ChannelDuplexHandler {

  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private int pending;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!waiting.isEmpty() || (msg instanceof HttpRequest && pending > 0)) {
      waiting.add(msg);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    if (msg instanceof HttpRequest) {
      pending++;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean answer =
        msg instanceof HttpResponse response
            && response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
    ctx.write(msg, promise);
    if (answer && pending > 0) {
      pending--;
      if (!waiting.isEmpty()) {
        ctx.executor().execute(() -> replay(ctx));
      }
    }
  }

  private void replay(ChannelHandlerContext ctx) {
    while (!waiting.isEmpty()) {
      if (waiting.peek() instanceof HttpRequest) {
        if (pending > 0) {
          return;
        }
        pending++;
      }
      ctx.fireChannelRead(waiting.poll());
    }
    ctx.channel().config().setAutoRead(true);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent && pending == 0) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
  }
}
