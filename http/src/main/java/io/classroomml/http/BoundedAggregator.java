package io.classroomml.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's {@link HttpObjectAggregator} (body limit while streaming, {@code 100 Continue} only for a
 * body that fits, 417 for other expectations), with the application's error bodies instead of empty
 * ones, and a keep-alive 413 for a body that grows over the limit: the aggregator discards the
 * rest, so the client finishes sending and reads the 413.
 */
final class BoundedAggregator extends HttpObjectAggregator {

  private final HttpApp app;

  BoundedAggregator(int maxContentLength, HttpApp app) {
    super(maxContentLength);
    this.app = app;
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    String expect = start.headers().get(HttpHeaderNames.EXPECT);
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (response instanceof FullHttpResponse refused && refused.status().code() >= 400) {
      int status = refused.status().code();
      refused.release();
      HttpRequest request = (HttpRequest) start;
      Refusal refusal =
          status == 413
              ? app.tooLarge(request, HttpUtil.getContentLength(start, -1L), maxContentLength)
              : Refusal.expectationFailed(expect);
      FullHttpResponse rendered = app.render(refusal, request);
      HttpUtil.setContentLength(rendered, rendered.content().readableBytes());
      return rendered;
    }
    return response;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    HttpRequest request = (HttpRequest) oversized;
    long declared = HttpUtil.getContentLength(request, -1L);
    HttpEdge.respond(
        ctx, request, app.render(app.tooLarge(request, declared, maxContentLength()), request));
  }
}
