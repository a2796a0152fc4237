package io.classroomml.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.local.job.ChildProcesses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The AWS target of the {@code train} and {@code tune} verbs: the same verb starts the student
 * stack's Step Functions pipeline ({@code TrainingPipelineArn} / {@code TuningPipelineArn} stack
 * outputs) instead of a local job. The AWS SDK's Step Functions client is not on this project's
 * Maven mirror, so the request goes through the AWS CLI ({@code aws stepfunctions
 * start-execution}); without the CLI the exact command is printed to run elsewhere.
 */
final class AwsTarget {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsTarget() {}

  /**
   * The execution input the training pipeline reads: {@code {"hyperparameters": {...}}} (string
   * values, as SageMaker passes them); the tuning pipeline takes {@code {}} (its spec is part of
   * the stack).
   */
  static String input(Map<String, String> hyperparameters) {
    try {
      return hyperparameters.isEmpty()
          ? "{}"
          : JSON.writeValueAsString(Map.of("hyperparameters", new TreeMap<>(hyperparameters)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The AWS CLI command that starts {@code pipelineArn} with {@code input}. */
  static List<String> command(String pipelineArn, String input, Optional<String> region) {
    if (!pipelineArn.startsWith("arn:aws") || !pipelineArn.contains(":states:")) {
      throw new LocalException(
          "--pipeline "
              + pipelineArn
              + " is not a Step Functions state machine ARN; use the stack output"
              + " TrainingPipelineArn or TuningPipelineArn (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)");
    }
    List<String> cmd = new ArrayList<>(List.of("aws", "stepfunctions", "start-execution"));
    cmd.addAll(List.of("--state-machine-arn", pipelineArn, "--input", input));
    region.ifPresent(r -> cmd.addAll(List.of("--region", r)));
    return cmd;
  }

  /** Runs the command with the AWS CLI when it is installed, else prints it. */
  static int start(List<String> command, PrintStream out) {
    boolean cli =
        java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aws")));
    String printable = String.join(" ", command.stream().map(AwsTarget::quote).toList());
    if (!cli) {
      out.println("the AWS CLI is not installed here; run this where it is:");
      out.println("  " + printable);
      return 0;
    }
    out.println("starting the pipeline: " + printable);
    try {
      // Tracked like every child, so Ctrl-C stops the CLI too; it prints straight to the terminal.
      Process p = ChildProcesses.start(new ProcessBuilder(command).inheritIO());
      return p.waitFor();
    } catch (IOException e) {
      throw new LocalException("could not run the AWS CLI: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LocalMain.EXIT_JOB_FAILED;
    }
  }

  /** {@code --target}, {@code --pipeline} and {@code --region}, shared by train and tune. */
  static final class Options {
    @Option(
        names = "--target",
        paramLabel = "T",
        defaultValue = "local",
        description = "local (default) or aws")
    String target;

    @Option(
        names = "--pipeline",
        paramLabel = "ARN",
        description =
            "with --target aws: the stack output TrainingPipelineArn or TuningPipelineArn")
    String pipeline;

    @Option(
        names = "--region",
        paramLabel = "R",
        description = "with --target aws: the region (default: the AWS CLI's)")
    String region;

    boolean isAws() {
      if (!target.equals("aws") && !target.equals("local")) {
        throw new LocalException("--target " + target + " is not known; use local or aws");
      }
      return target.equals("aws");
    }

    String pipeline() {
      return JobVerbs.required(pipeline, "--pipeline");
    }

    Optional<String> region() {
      return Optional.ofNullable(region);
    }
  }

  private static String quote(String arg) {
    return arg.matches("[A-Za-z0-9_:/.=@-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
