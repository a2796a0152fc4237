package io.classroomml.infra.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs the tools deploy drives ({@code cdk}, {@code scripts/build-images}) as child processes of
 * the repository root. An interface so tests can record the sequence instead.
 */
public interface Commands {

  /**
   * Runs {@code command} to its end.
   *
   * @return what it wrote to standard output (also echoed); its standard error goes straight
   *     through
   * @throws AdminException when it exits non-zero, naming the step
   */
  String run(String step, List<String> command);

  /** Child processes in {@code root}, with {@code AWS_PROFILE} set when a profile is given. */
  static Commands processes(Path root, Optional<String> profile, PrintStream echo) {
    return (step, command) -> {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.INHERIT);
      profile.ifPresent(p -> builder.environment().put("AWS_PROFILE", p));
      builder.environment().putIfAbsent("CDK_DISABLE_VERSION_CHECK", "true");
      StringBuilder out = new StringBuilder();
      try {
        Process process = builder.start();
        try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = lines.readLine()) != null; ) {
            echo.println(line);
            out.append(line).append('\n');
          }
        }
        int status = process.waitFor();
        if (status != 0) {
          throw new AdminException(
              step + " failed (exit " + status + "): " + String.join(" ", command), 1);
        }
        return out.toString();
      } catch (IOException e) {
        throw new AdminException(
            step + ": cannot run " + command.get(0) + ": " + e.getMessage(), 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AdminException(step + " interrupted", 1);
      }
    };
  }
}
