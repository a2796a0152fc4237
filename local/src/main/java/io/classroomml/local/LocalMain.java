package io.classroomml.local;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code scripts/local VERB ...}: SageMaker's workflow on this machine. The verbs and their options
 * are declared in {@link LocalCli} ({@code run}, {@code train}, {@code resume}, {@code tune},
 * {@code list}, {@code describe}, {@code deploy}, {@code invoke}, {@code delete}); {@code
 * scripts/local help} prints the usage generated from them.
 */
public final class LocalMain {

  /** Exit code for a mistake the user can fix. */
  public static final int EXIT_USAGE = 2;

  /** Exit code when a job the command ran did not complete. */
  public static final int EXIT_JOB_FAILED = 1;

  private LocalMain() {}

  /** Runs a verb and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a verb; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Installation installation = Installation.locate();
    LocalCli.Context context =
        new LocalCli.Context(installation, workspace(installation), out, err);
    return LocalCli.commandLine(context).execute(args);
  }

  static Workspace workspace(Installation installation) {
    String home = System.getenv(Workspace.HOME_ENV);
    return new Workspace(
        home == null || home.isBlank()
            ? installation.root().resolve(".local")
            : Path.of(home).toAbsolutePath());
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
