package io.classroomml.e2e.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/local VERB ...} as a user runs it: the packaged local-mode jar in its own JVM,
 * with a temporary workspace. The module is built after every other one, so the training, inference
 * and local jars exist.
 */
final class LocalCommand {

  /** The project root (surefire runs in {@code test/}). */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private final Path workspace;

  LocalCommand(Path workspace) {
    this.workspace = workspace;
  }

  /** A finished command: exit code and everything it printed. */
  record Result(int exit, String output) {}

  /** Starts a verb; output goes to {@code log}. */
  Process start(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dclassroom.home=" + ROOT);
    cmd.add("-jar");
    cmd.add(ROOT.resolve("local/target/classroom-local.jar").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("CLASSROOM_LOCAL_HOME", workspace.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  /** Runs a verb to its end (at most 10 minutes). */
  Result run(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workspace.getParent(), "local-", ".log");
    Process p = start(log, args);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("local " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
