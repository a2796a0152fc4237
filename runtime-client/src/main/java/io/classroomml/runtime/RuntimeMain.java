package io.classroomml.runtime;

import io.classroomml.runtime.client.InvokeCommand;
import io.classroomml.runtime.gateway.GatewayCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The runtime client's commands: {@code gateway} runs the local SageMaker Runtime API and {@code
 * invoke} sends files to an endpoint through the AWS SDK v2 client. picocli parses both, so the
 * usage is generated from the options the code declares.
 */
@Command(
    name = "classroom-runtime-client",
    synopsisSubcommandLabel = "COMMAND",
    description = "The SageMaker Runtime side of classroom-ml: a local gateway and a client.")
public final class RuntimeMain implements Runnable {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  private RuntimeMain() {}

  /** Without a command there is nothing to do: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: gateway or invoke");
  }

  /** Both commands, printing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli =
        new CommandLine(new RuntimeMain())
            .addSubcommand(new GatewayCommand())
            .addSubcommand(InvokeCommand.commandLine(out, err))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(RuntimeMain::failed);
    return cli;
  }

  /** Runs the command named by the first argument and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine(System.out, System.err).execute(args));
  }

  /** A failure of the command itself (a port in use, say): its message, not a stack trace. */
  private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    command.getErr().println(command.getCommandName() + ": " + e.getMessage());
    return CommandLine.ExitCode.SOFTWARE;
  }
}
