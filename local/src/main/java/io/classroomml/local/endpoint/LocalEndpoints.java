package io.classroomml.local.endpoint;

import io.classroomml.contract.SageMakerName;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.http.ServerLog;
import io.classroomml.local.Installation;
import io.classroomml.local.LocalException;
import io.classroomml.local.Workspace;
import io.classroomml.local.job.Archives;
import io.classroomml.local.job.ChildProcesses;
import io.classroomml.runtime.gateway.EndpointTarget;
import io.classroomml.runtime.gateway.RuntimeGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local endpoints: each one the real {@code serve} entrypoint in its own JVM, on its own port, with
 * its own {@code /opt/ml/model} unpacked from a {@code model.tar.gz} (as SageMaker does), reached
 * by name through one {@link RuntimeGateway} that speaks the SageMaker Runtime API. Several can run
 * at once; {@link #close()} deletes them all, so none outlives the command.
 */
public final class LocalEndpoints implements AutoCloseable {

  /** How long an endpoint may take to answer {@code /ping} with 200 (model loaded and warm). */
  public static final Duration STARTUP_LIMIT = Duration.ofSeconds(180);

  /** SageMaker sends SIGKILL 30 s after SIGTERM to a hosting container. */
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /**
   * One endpoint.
   *
   * @param name the endpoint name
   * @param model the {@code model.tar.gz} it serves
   * @param container the container's URL
   * @param log the container's log file
   */
  public record Endpoint(String name, Path model, URI container, Path log) {}

  private final Installation installation;
  private final Workspace workspace;
  private final PrintStream console;
  private final RuntimeGateway gateway;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Starts the gateway on {@code port} (0: any free port). */
  public LocalEndpoints(
      Installation installation, Workspace workspace, int port, PrintStream console)
      throws IOException {
    this.installation = installation;
    this.workspace = workspace;
    this.console = console;
    this.gateway =
        RuntimeGateway.create(
                port,
                RuntimeGateway.DEFAULT_TIMEOUT,
                new ServerLog(new PrintStream(OutputStream.nullOutputStream())))
            .start();
  }

  /** The URL to give the SDK as {@code endpointOverride}. */
  public URI gatewayUrl() {
    return URI.create("http://127.0.0.1:" + gateway.port());
  }

  /**
   * {@code CreateEndpoint}: unpacks {@code modelTarGz}, starts {@code serve} and waits until it is
   * in service ({@code /ping} 200), then routes {@code name} to it.
   */
  public synchronized Endpoint create(String name, Path modelTarGz) throws IOException {
    if (!SageMakerName.ENDPOINT.isValid(name)) {
      throw new LocalException(SageMakerName.ENDPOINT.invalid(name));
    }
    if (endpoints.containsKey(name)) {
      throw new LocalException(
          "endpoint " + name + " exists; delete it first or pick another name");
    }
    if (!Files.isRegularFile(modelTarGz)) {
      throw new LocalException(modelTarGz + " does not exist: the job saved no model");
    }
    Path dir = workspace.endpoint(name);
    SageMakerPaths paths = new SageMakerPaths(dir.resolve("opt-ml"));
    deleteTree(paths.model());
    Archives.unpack(modelTarGz, paths.model());
    int port = freePort();
    Path log = dir.resolve("log.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
            Installation.java().toString(),
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-jar",
            installation.inferenceJar().toString(),
            "serve");
    pb.environment().put(SageMakerPaths.BASE_DIR_ENV, paths.base().toString());
    pb.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
    pb.environment().put("SAGEMAKER_MODEL_SERVER_WORKERS", "1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = ChildProcesses.start(pb);
    URI container = URI.create("http://127.0.0.1:" + port);
    try {
      awaitInService(name, process, container, log);
    } catch (IOException | RuntimeException e) {
      ChildProcesses.stop(process, STOP_GRACE);
      throw e;
    }
    Endpoint endpoint = new Endpoint(name, modelTarGz, container, log);
    endpoints.put(name, endpoint);
    processes.put(name, process);
    gateway.register(EndpointTarget.realtime(name, container));
    Files.writeString(
        dir.resolve("endpoint.json"),
        "{\"EndpointName\": \""
            + name
            + "\", \"EndpointStatus\": \"InService\", \"ModelDataUrl\": \""
            + modelTarGz.toString().replace("\\", "\\\\")
            + "\"}\n");
    if (console != null) {
      console.printf("endpoint %s in service (%s, model %s)%n", name, container, modelTarGz);
    }
    return endpoint;
  }

  /** The endpoints in service, in creation order. */
  public synchronized List<Endpoint> list() {
    return new ArrayList<>(endpoints.values());
  }

  /** {@code DeleteEndpoint}: unroutes it and stops its container. */
  public synchronized void delete(String name) {
    Endpoint endpoint = endpoints.remove(name);
    if (endpoint == null) {
      throw new LocalException("no endpoint named " + name + "; in service: " + endpoints.keySet());
    }
    gateway.remove(name);
    ChildProcesses.stop(processes.remove(name), STOP_GRACE);
    try {
      Files.writeString(
          workspace.endpoint(name).resolve("endpoint.json"),
          "{\"EndpointName\": \"" + name + "\", \"EndpointStatus\": \"Deleted\"}\n");
    } catch (IOException e) {
      // the record is informational; the container is gone either way
    }
    if (console != null) {
      console.printf("endpoint %s deleted%n", name);
    }
  }

  /** Deletes every endpoint and stops the gateway. */
  @Override
  public synchronized void close() {
    for (String name : new ArrayList<>(endpoints.keySet())) {
      delete(name);
    }
    gateway.close();
  }

  private void awaitInService(String name, Process process, URI container, Path log)
      throws IOException {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    HttpRequest ping =
        HttpRequest.newBuilder(container.resolve("/ping")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new LocalException(
            "endpoint "
                + name
                + " failed: its container exited with code "
                + process.exitValue()
                + "; last lines of "
                + log
                + ":\n"
                + tail(log));
      }
      try {
        HttpResponse<Void> r = http.send(ping, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while endpoint " + name + " was starting", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while endpoint " + name + " was starting", e);
      }
    }
    throw new LocalException(
        "endpoint "
            + name
            + " did not answer /ping with 200 within "
            + STARTUP_LIMIT.toSeconds()
            + " s; see "
            + log);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
