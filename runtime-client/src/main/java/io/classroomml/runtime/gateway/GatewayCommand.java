package io.classroomml.runtime.gateway;

import io.classroomml.http.ServerLog;
import io.classroomml.runtime.HelpOption;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gateway [--port P] --endpoint NAME=URL ...}: runs the {@link RuntimeGateway} until the
 * process is told to stop (SIGTERM, Ctrl-C), then closes it.
 */
@Command(
    name = "gateway",
    description = "Serves the SageMaker Runtime API locally, routing each endpoint to a container.")
public final class GatewayCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  /** The gateway's port unless {@code --port} says otherwise. */
  public static final int DEFAULT_PORT = 8090;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "" + DEFAULT_PORT,
      description = "port to listen on (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--endpoint",
      paramLabel = "NAME=URL",
      description =
          "an endpoint name and its container's base URL, e.g. classroom=http://127.0.0.1:8080")
  Map<String, URI> endpoints = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServerLog log = ServerLog.stdout();
    RuntimeGateway gateway = RuntimeGateway.create(port, RuntimeGateway.DEFAULT_TIMEOUT, log);
    try {
      endpoints.forEach((name, url) -> gateway.register(EndpointTarget.realtime(name, url)));
    } catch (IllegalArgumentException e) {
      gateway.close();
      throw new ParameterException(spec.commandLine(), "--endpoint: " + e.getMessage(), e);
    }
    CountDownLatch closed = new CountDownLatch(1);
    gateway.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  closed.countDown();
                },
                "shutdown"));
    log.info("gateway-listening", Map.of("port", gateway.port()));
    closed.await();
    return 0;
  }
}
