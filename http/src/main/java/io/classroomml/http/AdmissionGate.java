package io.classroomml.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Decides on each request from its line and headers before its body is read (the application's
 * {@link HttpApp#admit}, then the declared {@code Content-Length} against the admitted limit), and
 * turns framing the codec could not read into a 400 (or 414/431) instead of an exception.
 *
 * <p>A refused request never gets {@code 100 Continue}: when it expected one, the codec is told
 * (Netty's {@link HttpExpectationFailedEvent}) that no body follows; otherwise its body is read and
 * discarded, so that a client still sending (the AWS CLI, boto3) finishes and reads the answer
 * instead of meeting a reset connection. Discarding stops, and the connection closes, after {@link
 * #DISCARD_ALLOWANCE} bytes.
 */
final class AdmissionGate extends ChannelDuplexHandler {

  /** Body bytes read and thrown away for one refused request before the connection is closed. */
  static final long DISCARD_ALLOWANCE = 64L * 1024 * 1024;

  private final HttpApp app;
  private boolean discarding;
  private long limit = Long.MAX_VALUE;
  private long seen;
  private Runnable onDone;

  AdmissionGate(HttpApp app) {
    this.app = app;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      discarding = false;
      seen = 0;
      if (request.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        refuseAndClose(ctx, malformedHead(request.decoderResult()), null);
        return;
      }
      Admission admission = admit(request);
      if (admission.refused()) {
        ReferenceCountUtil.release(msg);
        refuse(ctx, request, admission.refusal());
        return;
      }
      limit = admission.maxBody();
      onDone = admission.onDone();
    }
    if (msg instanceof HttpContent content) {
      if (content.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        refuseAndClose(ctx, malformedBody(), null);
        return;
      }
      seen += content.content().readableBytes();
      boolean last = content instanceof LastHttpContent;
      if (discarding) {
        ReferenceCountUtil.release(msg);
        discarding = !last;
        if (seen > DISCARD_ALLOWANCE) {
          ctx.close();
        }
        return;
      }
      if (seen > limit + DISCARD_ALLOWANCE) {
        // The aggregator answered 413 at the limit and discards; a client that keeps on sending
        // far beyond it is cut off.
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      done();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    done();
    ctx.fireChannelInactive();
  }

  private void done() {
    Runnable pending = onDone;
    onDone = null;
    if (pending != null) {
      pending.run();
    }
  }

  private Admission admit(HttpRequest request) {
    Admission admission;
    try {
      admission = app.admit(request);
    } catch (RuntimeException e) {
      return Admission.refuse(HttpEdge.internalFault());
    }
    long declared;
    try {
      declared = HttpUtil.getContentLength(request, -1L);
    } catch (NumberFormatException e) {
      declared = -1; // the codec has already refused a Content-Length that is not a number
    }
    if (!admission.refused() && declared > admission.maxBody()) {
      return Admission.refuse(app.tooLarge(request, declared, admission.maxBody()));
    }
    return admission;
  }

  private void refuse(ChannelHandlerContext ctx, HttpRequest request, Refusal refusal) {
    discarding = true;
    if (HttpUtil.is100ContinueExpected(request)) {
      // The client waits for 100 before sending the body; without it no body comes, so the codec
      // must expect the next request rather than this one's content.
      ctx.pipeline().fireUserEventTriggered(HttpExpectationFailedEvent.INSTANCE);
    }
    HttpEdge.respond(ctx, request, app.render(refusal, request));
  }

  private void refuseAndClose(ChannelHandlerContext ctx, Refusal refusal, HttpRequest request) {
    discarding = true;
    HttpEdge.respondAndClose(ctx, app.render(refusal, request));
  }

  private static Refusal malformedHead(DecoderResult result) {
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return new Refusal(
          414,
          "UriTooLong",
          "the request line is longer than "
              + HttpEdge.MAX_INITIAL_LINE
              + " bytes; shorten the URL");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new Refusal(
          431,
          "RequestHeaderFieldsTooLarge",
          "the request headers are larger than "
              + HttpEdge.MAX_HEADER_SIZE
              + " bytes in all; send fewer or shorter headers");
    }
    return new Refusal(
        400,
        "MalformedRequest",
        "the request is not valid HTTP/1.1: its request line or headers could not be read (for"
            + " example a Content-Length that is not a single whole number, or both"
            + " Content-Length and Transfer-Encoding); send a well-formed request");
  }

  private static Refusal malformedBody() {
    return new Refusal(
        400,
        "MalformedRequest",
        "the request body's framing is not valid HTTP/1.1: with Transfer-Encoding: chunked each"
            + " chunk must start with its size in hexadecimal and end with CRLF, and the body must"
            + " end with a zero-size chunk");
  }
}
