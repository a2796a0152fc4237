package io.classroomml.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 server on Netty with the framing rules the model server and the runtime gateway
 * share. Per connection: {@link HttpServerCodec} (framing, strict header validation), idle close,
 * {@link HttpServerKeepAliveHandler}, {@link OneAtATime}, {@link AdmissionGate} (refusals before
 * the body, malformed framing as 400), {@link BoundedAggregator} (body limit while streaming,
 * {@code Expect: 100-continue}), then the {@link HttpApp}.
 */
public final class HttpEdge implements AutoCloseable {

  /** Longest request line (method, URL, version). */
  public static final int MAX_INITIAL_LINE = 8192;

  /** Largest header block: SageMaker's headers, each up to 1,024 characters, fit many times. */
  public static final int MAX_HEADER_SIZE = 16384;

  /** A keep-alive connection with no request pending closes after this long without traffic. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;

  private HttpEdge(EventLoopGroup boss, EventLoopGroup workers, Channel server) {
    this.boss = boss;
    this.workers = workers;
    this.server = server;
  }

  /**
   * Listens on {@code address} (port 0 picks a free one) and serves {@code app}.
   *
   * @param name names the threads, e.g. {@code serve}
   * @param maxBody the largest body any request may have (each request's own limit is its {@link
   *     Admission})
   * @param ioThreads event-loop threads; they only frame and route, never run a model
   * @throws IOException when the address cannot be bound
   */
  public static HttpEdge bind(
      String name, InetSocketAddress address, long maxBody, int ioThreads, HttpApp app)
      throws IOException {
    // Not daemons: like the JDK's server, a listening edge keeps the process alive until closed.
    EventLoopGroup boss =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory(name + "-accept", false), NioIoHandler.newFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(
            ioThreads, new DefaultThreadFactory(name + "-io", false), NioIoHandler.newFactory());
    int aggregateLimit = (int) Math.min(Integer.MAX_VALUE - 1, maxBody);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            new HttpServerCodec(
                                new HttpDecoderConfig()
                                    .setMaxInitialLineLength(MAX_INITIAL_LINE)
                                    .setMaxHeaderSize(MAX_HEADER_SIZE)))
                        .addLast(
                            new IdleStateHandler(0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new OneAtATime())
                        .addLast(new AdmissionGate(app))
                        .addLast(new BoundedAggregator(aggregateLimit, app))
                        .addLast(new AppHandler(app));
                  }
                });
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IOException(
          "cannot listen on port " + address.getPort() + ": " + bound.cause().getMessage(),
          bound.cause());
    }
    return new HttpEdge(boss, workers, bound.channel());
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Writes {@code response} to {@code request} with its {@code Content-Length}; the keep-alive
   * handler closes the connection afterwards when either side asked for that.
   */
  public static ChannelFuture respond(
      ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (request == null) {
      HttpUtil.setKeepAlive(response, false);
    }
    return ctx.writeAndFlush(response);
  }

  /** Writes {@code response} and closes the connection: its framing can no longer be trusted. */
  static void respondAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
    HttpUtil.setContentLength(response, response.content().readableBytes());
    HttpUtil.setKeepAlive(response, false);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** The refusal for a fault of the edge or the application itself. */
  public static Refusal internalFault() {
    return new Refusal(
        500, "InternalServerError", "the server failed on this request; its log has the details");
  }

  /**
   * Stops accepting connections and closes the open ones, waiting up to {@code grace} for the event
   * loops to finish what they are writing. Call it once the application has no request in flight.
   */
  public void close(Duration grace) {
    server.close().syncUninterruptibly();
    long quiet = Math.min(100, grace.toMillis());
    workers
        .shutdownGracefully(quiet, grace.toMillis(), TimeUnit.MILLISECONDS)
        .syncUninterruptibly();
    boss.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
