package io.classroomml.runtime.gateway;

import io.classroomml.http.ServerLog;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * {@code gateway [--port P] --endpoint NAME=URL ...}: runs the {@link RuntimeGateway} until
 * stopped. Default port 8090.
 */
public final class GatewayCommand {

  /** The gateway's port unless {@code --port} says otherwise. */
  public static final int DEFAULT_PORT = 8090;

  private GatewayCommand() {}

  /** Parses the arguments and serves; exits 2 on a bad argument. */
  public static void main(String[] args) {
    ServerLog log = ServerLog.stdout();
    int port = DEFAULT_PORT;
    RuntimeGateway gateway;
    try {
      java.util.List<EndpointTarget> targets = new java.util.ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(value);
          case "--endpoint" -> {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--endpoint needs NAME=URL, got '" + value + "'");
            }
            targets.add(
                EndpointTarget.realtime(
                    value.substring(0, eq), URI.create(value.substring(eq + 1))));
          }
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
        i++;
      }
      gateway = RuntimeGateway.create(port, RuntimeGateway.DEFAULT_TIMEOUT, log);
      targets.forEach(gateway::register);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("gateway: " + e.getMessage());
      System.err.println("usage: gateway [--port P] --endpoint NAME=http://HOST:PORT ...");
      System.exit(2);
      return;
    }
    gateway.start();
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "shutdown"));
    log.info("gateway-listening", Map.of("port", gateway.port()));
  }
}
