package io.classroomml.local;

import io.classroomml.contract.tuning.TuningSpecException;
import io.classroomml.local.aws.AwsVerbs;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/local}: the verbs as picocli commands, so that options, usage and error messages
 * come from one declaration and cannot drift apart. Every user error ends as one message and exit
 * code {@link LocalMain#EXIT_USAGE}.
 */
@Command(
    name = "scripts/local",
    synopsisSubcommandLabel = "VERB",
    description = {
      "SageMaker's workflow on this machine, no AWS account (docs/local-mode.md);",
      "with --target aws --student ID, the same verbs on your stack in AWS"
    },
    footer = "%nworkspace: $CLASSROOM_LOCAL_HOME or .local/ in the project",
    subcommands = {
      RunVerb.class,
      JobVerbs.Train.class,
      JobVerbs.Resume.class,
      JobVerbs.Tune.class,
      WorkspaceVerbs.ListJobs.class,
      WorkspaceVerbs.Describe.class,
      EndpointVerbs.Deploy.class,
      EndpointVerbs.Invoke.class,
      WorkspaceVerbs.Delete.class,
      CloudVerbs.Upload.class,
      CloudVerbs.Transform.class,
      CloudVerbs.Logs.class,
      CloudVerbs.Stop.class,
      CommandLine.HelpCommand.class
    })
final class LocalCli implements Callable<Integer> {

  /** What every verb works with; {@code aws} reaches AWS for {@code --target aws}. */
  record Context(
      Installation installation,
      Workspace workspace,
      PrintStream out,
      PrintStream err,
      AwsVerbs.Connector aws) {

    Context(Installation installation, Workspace workspace, PrintStream out, PrintStream err) {
      this(installation, workspace, out, err, AwsVerbs::connect);
    }
  }

  /** {@code -h}/{@code --help} on every verb (picocli's help verb has its own). */
  static final class HelpOption {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "this help")
    boolean help;
  }

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  private final Context context;

  private LocalCli(Context context) {
    this.context = context;
  }

  Context context() {
    return context;
  }

  /** No verb: the usage, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return LocalMain.EXIT_USAGE;
  }

  /** The command line of {@code scripts/local}, printing to {@code context}'s streams. */
  static CommandLine commandLine(Context context) {
    CommandLine cli =
        new CommandLine(new LocalCli(context))
            .setOut(new PrintWriter(context.out(), true))
            .setErr(new PrintWriter(context.err(), true))
            .setExecutionExceptionHandler(LocalCli::failed);
    cli.setUsageHelpWidth(100);
    // Options in the order they are declared (the common ones first), not alphabetically.
    cli.getCommandSpec().usageMessage().sortOptions(false).sortSynopsis(false);
    cli.getSubcommands()
        .values()
        .forEach(v -> v.getCommandSpec().usageMessage().sortOptions(false).sortSynopsis(false));
    // invoke is the runtime client's own command line: its options pass through untouched.
    cli.getSubcommands().get("invoke").setUnmatchedOptionsArePositionalParams(true);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine verb = e.getCommandLine();
          PrintWriter err = verb.getErr();
          err.println(verbName(verb) + ": " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          verb.usage(err);
          return LocalMain.EXIT_USAGE;
        });
    return cli;
  }

  /** {@code local VERB}, or {@code local} for the command itself. */
  private static String verbName(CommandLine verb) {
    return verb.getParent() == null ? "local" : "local " + verb.getCommandName();
  }

  /** A verb's exception as one line: the user's mistake (2), a job that failed (1), or a bug. */
  private static int failed(Exception e, CommandLine verb, CommandLine.ParseResult parsed) {
    PrintWriter err = verb.getErr();
    String name = verbName(verb);
    if (e instanceof LocalException || e instanceof TuningSpecException) {
      err.println(name + ": " + e.getMessage());
      return LocalMain.EXIT_USAGE;
    }
    if (e instanceof UncheckedIOException io) {
      err.println(name + ": " + e.getMessage() + ": " + io.getCause().getMessage());
      return LocalMain.EXIT_JOB_FAILED;
    }
    err.println(name + ": internal error (a bug in classroom-ml, not in your job): " + e);
    e.printStackTrace(err);
    return LocalMain.EXIT_JOB_FAILED;
  }
}
