package io.classroomml.infra.admin;

import io.classroomml.infra.config.ClassroomConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code scripts/classroom}: the platform engineer's commands against AWS, on the configuration the
 * CDK app reads. Errors become text here only: an {@link AdminException}'s message, as is.
 */
@Command(
    name = "classroom",
    mixinStandardHelpOptions = true,
    description = "The classroom on AWS: preflight checks and the deploy from zero.",
    subcommands = {
      ClassroomCli.PreflightCommand.class,
      ClassroomCli.DeployCommand.class,
      ClassroomCli.StatusCommand.class,
      ClassroomCli.VerifyTeardownCommand.class
    })
public final class ClassroomCli {

  /**
   * What the commands run on: AWS clients for a profile, the child processes, the repository root.
   *
   * @param aws clients for an optional {@code --profile}
   * @param defaultRegion the credentials' region for an optional profile
   * @param commands child processes for an optional profile
   * @param root the repository root (cdk.json)
   * @param out standard output
   */
  public record Wiring(
      Function<Optional<String>, AwsClients> aws,
      Function<Optional<String>, Optional<String>> defaultRegion,
      Function<Optional<String>, Commands> commands,
      Path root,
      PrintStream out) {}

  final Wiring wiring;

  @Option(
      names = {"-c", "--context"},
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description = "a context value, as for cdk (overrides cdk.json and cdk.context.json)")
  List<String> context = new ArrayList<>();

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "AWS profile (default: chain)")
  Optional<String> profile = Optional.empty();

  ClassroomCli(Wiring wiring) {
    this.wiring = wiring;
  }

  /** Runs the command line with the real wiring and exits with its status. */
  public static void main(String[] args) {
    Path root = Path.of(System.getProperty("classroom.root", ".")).toAbsolutePath().normalize();
    Wiring wiring =
        new Wiring(
            AwsClients::standard,
            AwsClients::defaultRegion,
            profile -> Commands.processes(root, profile, System.out),
            root,
            System.out);
    System.exit(execute(wiring, System.err, args));
  }

  /** Runs {@code args}; returns the exit status (0 fine, 1 a failed check or step, 2 bad input). */
  public static int execute(Wiring wiring, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new ClassroomCli(wiring));
    cli.setOut(new PrintWriter(wiring.out(), true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof AdminException a) {
            err.println("classroom: " + a.getMessage());
            return a.exitCode();
          }
          throw e;
        });
    return cli.execute(args);
  }

  ClassContext context() {
    return ClassContext.load(wiring.root(), context);
  }

  /** AWS clients for the {@code --profile}, if any. */
  AwsClients aws() {
    return wiring.aws().apply(profile);
  }

  /** The profile's region, if it has one. */
  Optional<String> region() {
    return wiring.defaultRegion().apply(profile);
  }

  /** What {@code status} and {@code verify-teardown} do to the resolved class. */
  @FunctionalInterface
  interface ClassAction {
    void apply(AwsClients aws, ClassroomConfig config, PrintStream out);
  }

  /** Runs {@code action} on the class resolved from the context and the profile; exits 0. */
  int onTheClass(ClassAction action) {
    try (AwsClients aws = aws()) {
      action.apply(aws, ResolvedClass.resolve(aws, context(), region()), wiring.out());
    }
    return 0;
  }

  /** {@code classroom preflight}. */
  @Command(
      name = "preflight",
      mixinStandardHelpOptions = true,
      description =
          "Checks credentials, region, bootstrap, cost tag, quotas and images; each failure names its fix.")
  static final class PreflightCommand implements Callable<Integer> {

    @ParentCommand ClassroomCli parent;

    @Override
    public Integer call() {
      ClassContext context = parent.context();
      try (AwsClients aws = parent.aws()) {
        PreflightReport report = new Preflight(aws, context, parent.region(), false).run();
        parent.wiring.out().print(report.table());
        return report.failed() ? 1 : 0;
      }
    }
  }

  /** {@code classroom deploy}. */
  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description =
          "Preflight, bootstrap if missing, the platform stack, the images (Jib), the student"
              + " stacks.")
  static final class DeployCommand implements Callable<Integer> {

    @ParentCommand ClassroomCli parent;

    @Option(names = "--dry-run", description = "print the plan; call nothing")
    boolean dryRun;

    @Option(
        names = "--student",
        paramLabel = "ID",
        description = "deploy only this student's stack (repeatable; default: the whole class)")
    List<String> students = new ArrayList<>();

    @Option(names = "--skip-images", description = "reuse the digests recorded in cdk.context.json")
    boolean skipImages;

    @Option(names = "--training", paramLabel = "gpu|cpu", description = "training image flavour")
    Optional<String> training = Optional.empty();

    @Option(names = "--inference", paramLabel = "cpu|gpu", description = "inference image flavour")
    Optional<String> inference = Optional.empty();

    @Override
    public Integer call() {
      List<String> build = new ArrayList<>();
      training.ifPresent(f -> build.addAll(List.of("--training", flavour("--training", f))));
      inference.ifPresent(f -> build.addAll(List.of("--inference", flavour("--inference", f))));
      Deployer.Options options = new Deployer.Options(students, build, skipImages);
      ClassContext context = parent.context();
      Optional<String> region = parent.region();
      try (AwsClients aws = parent.aws()) {
        Deployer deployer =
            new Deployer(
                aws,
                context,
                region,
                parent.wiring.commands().apply(parent.profile),
                parent.wiring.out());
        if (dryRun) {
          deployer.dryRun(options);
        } else {
          deployer.run(options);
        }
      }
      return 0;
    }

    private static String flavour(String option, String value) {
      if (!value.equals("cpu") && !value.equals("gpu")) {
        throw new AdminException(option + " " + value + ": the flavour is cpu or gpu", 2);
      }
      return value;
    }
  }

  /** {@code classroom status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Per student: running jobs and endpoints, month-to-date spend against the budget,"
              + " expiry.")
  static final class StatusCommand implements Callable<Integer> {

    @ParentCommand ClassroomCli parent;

    @Override
    public Integer call() {
      return parent.onTheClass(ClassStatus::print);
    }
  }

  /** {@code classroom verify-teardown}. */
  @Command(
      name = "verify-teardown",
      mixinStandardHelpOptions = true,
      description =
          "After a destroy: anything still tagged classroom-ml:student or under a student's"
              + " SageMaker prefix; exit 1 if any of it bills.")
  static final class VerifyTeardownCommand implements Callable<Integer> {

    @ParentCommand ClassroomCli parent;

    @Override
    public Integer call() {
      return parent.onTheClass(TeardownCheck::run);
    }
  }
}
