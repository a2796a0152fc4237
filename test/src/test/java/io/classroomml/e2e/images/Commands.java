package io.classroomml.e2e.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a host command to its end; a non-zero exit is an error that carries the output. */
final class Commands {

  private Commands() {}

  static String run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException(String.join(" ", command) + " exited " + exit + ":\n" + output);
    }
    return output;
  }

  /** Whether {@code program} is on the PATH. */
  static boolean available(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Path.of(dir, program).toFile().canExecute()) {
        return true;
      }
    }
    return false;
  }
}
