package io.classroomml.e2e.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One container run by {@code runc} from an unpacked image, as {@code docker run image ARG} would
 * run it: the image's entrypoint and environment, one argument, {@code /opt/ml} bind-mounted, the
 * host's network (so the test reaches the server on 127.0.0.1), a writable root file system.
 */
final class RuncContainer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** Long enough for any runc command that is not the container itself. */
  private static final Duration RUNC_COMMAND = Duration.ofSeconds(60);

  private final String id;
  private final Path state;
  private final Process process;
  final Path log;

  private RuncContainer(String id, Path state, Process process, Path log) {
    this.id = id;
    this.state = state;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the container.
   *
   * @param image the opened image tar (entrypoint and environment)
   * @param bundle an empty directory for the OCI bundle (root file system and config)
   * @param argument what SageMaker passes: {@code train} or {@code serve}
   * @param optMl the host directory mounted at {@code /opt/ml}
   * @param env extra environment, as SageMaker's {@code Environment}
   */
  static RuncContainer start(
      ImageTar image, Path bundle, String argument, Path optMl, Map<String, String> env)
      throws IOException, InterruptedException {
    image.rootfs(bundle.resolve("rootfs"));
    Processes.check(List.of("runc", "spec", "--bundle", bundle.toString()), bundle, RUNC_COMMAND);
    ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());

    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    ArrayNode args = process.putArray("args");
    image.strings("/config/Entrypoint").forEach(args::add);
    args.add(argument);
    ArrayNode environment = process.putArray("env");
    image.strings("/config/Env").forEach(environment::add);
    env.forEach((k, v) -> environment.add(k + "=" + v));

    ObjectNode root = config.putObject("root");
    root.put("path", "rootfs");
    root.put("readonly", false);

    ObjectNode mount = ((ArrayNode) config.get("mounts")).addObject();
    mount.put("destination", "/opt/ml");
    mount.put("type", "bind");
    mount.put("source", optMl.toAbsolutePath().toString());
    mount.putArray("options").add("rbind").add("rw");

    // The host's network namespace: the server's port is reachable from the test as it is.
    ArrayNode namespaces = (ArrayNode) config.at("/linux/namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if ("network".equals(namespaces.get(i).get("type").asText())) {
        namespaces.remove(i);
      }
    }
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(bundle.resolve("config.json").toFile(), config);

    String id =
        "classroom-"
            + argument
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + SEQUENCE.incrementAndGet();
    Path state = Files.createDirectories(bundle.resolve("state"));
    Path log = bundle.resolve("container.log");
    List<String> command =
        new ArrayList<>(
            List.of("runc", "--root", state.toString(), "run", "--bundle", bundle.toString(), id));
    Process runc =
        new ProcessBuilder(command)
            .directory(bundle.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new RuncContainer(id, state, runc, log);
  }

  /** Waits for the container's process to end and returns its exit code. */
  int waitFor(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "container " + id + " still running after " + seconds + " s; log:\n" + output());
    }
    return process.exitValue();
  }

  boolean isRunning() {
    return process.isAlive();
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** SIGTERM, as SageMaker stops a container, then the exit code. */
  int stop() throws IOException, InterruptedException {
    if (process.isAlive()) {
      runc("kill", id, "TERM");
    }
    return waitFor(60);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      runc("kill", id, "KILL");
      process.waitFor(30, TimeUnit.SECONDS);
    }
    runc("delete", "--force", id);
  }

  /**
   * {@code runc --root STATE ARGS...}; its exit code is not checked (the container may be gone).
   */
  private void runc(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("runc", "--root", state.toString()));
    command.addAll(List.of(args));
    Processes.run(command, state, RUNC_COMMAND);
  }
}
