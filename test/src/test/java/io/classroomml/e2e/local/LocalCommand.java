package io.classroomml.e2e.local;

import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    return command(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs a verb to its end (at most 10 minutes, then it is killed with everything it started). */
  Result run(String... args) throws IOException, InterruptedException {
    Processes.Result result = Processes.run(command(args), Duration.ofMinutes(10));
    return new Result(result.exit(), result.output());
  }

  private ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dclassroom.home=" + ROOT);
    cmd.add("-jar");
    cmd.add(ROOT.resolve("local/target/classroom-local.jar").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("CLASSROOM_LOCAL_HOME", workspace.toString());
    return pb;
  }
}
