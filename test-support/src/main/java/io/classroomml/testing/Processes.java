package io.classroomml.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end with a timeout that fires. The output goes to a file, not a pipe: a
 * test that reads a pipe to its end before {@code waitFor} waits for as long as the child keeps it
 * open, so its timeout never starts. On timeout, or when the test's own {@code @Timeout} interrupts
 * the wait, the child and everything it started are killed.
 */
public final class Processes {

  /** How a finished command ended: its exit code and everything it printed (stdout and stderr). */
  public record Result(int exit, String output) {}

  private Processes() {}

  /** Runs {@code command} in {@code dir}; see {@link #run(ProcessBuilder, Duration)}. */
  public static Result run(List<String> command, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    return run(new ProcessBuilder(command).directory(dir.toFile()), timeout);
  }

  /**
   * Starts {@code builder} (its command, directory and environment; its redirects are replaced) and
   * waits at most {@code timeout} for it to end.
   *
   * @throws IOException when it cannot start, or did not end in time (then it has been killed, and
   *     the message carries what it printed)
   * @throws InterruptedException when the wait is interrupted (then it has been killed)
   */
  public static Result run(ProcessBuilder builder, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("classroom-process-", ".log");
    try {
      return run(builder, log, timeout);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** As {@link #run(ProcessBuilder, Duration)}, keeping the output in {@code log}. */
  public static Result run(ProcessBuilder builder, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Process process =
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(nul()).start();
    boolean ended = false;
    try {
      ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      if (!ended) {
        kill(process);
      }
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!ended) {
      throw new IOException(
          describe(builder)
              + " did not finish in "
              + timeout.toSeconds()
              + " s and was killed; its output:\n"
              + output);
    }
    return new Result(process.exitValue(), output);
  }

  /** Runs {@code command} and returns its output; a non-zero exit is an error carrying it. */
  public static String check(List<String> command, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    Result result = run(command, dir, timeout);
    if (result.exit() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output());
    }
    return result.output();
  }

  /** Whether {@code program} is an executable on the {@code PATH}. */
  public static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** SIGKILL to {@code process} and its descendants (listed first, so none is orphaned unseen). */
  public static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(ProcessBuilder builder) {
    return String.join(" ", builder.command());
  }

  private static ProcessBuilder.Redirect nul() {
    return ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile());
  }
}
