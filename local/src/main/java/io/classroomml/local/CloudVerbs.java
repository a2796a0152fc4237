package io.classroomml.local;

import io.classroomml.local.aws.AwsVerbs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The verbs that only make sense against AWS ({@code upload}, {@code transform}, {@code logs},
 * {@code stop}); with {@code --target local} each says what local mode does instead.
 */
final class CloudVerbs {

  private CloudVerbs() {}

  @Command(
      name = "upload",
      description = {
        "AWS: put data folders in your data bucket, in the layout the pipelines read",
        "(train/, validation/, batch/input/); checked first, a re-run sends only changes"
      })
  static final class Upload implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Mixin JobVerbs.ChannelOptions data;

    @Option(
        names = "--batch",
        paramLabel = "DIR",
        description = "files for the batch transform (batch/input/)")
    Path batch;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      aws.isAws(); // checks --target; upload always goes to AWS
      try (AwsVerbs verbs = aws.verbs(cli.context())) {
        return verbs.upload(data.channelsIfGiven(), batch);
      }
    }
  }

  @Command(
      name = "transform",
      description = {
        "AWS (--target aws): classify batch/input/ with a training job's model",
        "(your stack's batch transform pipeline; output under batch/output/ in the artifact bucket)"
      })
  static final class Transform implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Option(names = "--name", paramLabel = "N", description = "the execution's name")
    String name;

    @Option(
        names = "--model",
        paramLabel = "JOB",
        required = true,
        description = "the training job whose model classifies")
    String model;

    @Option(
        names = "--batch",
        paramLabel = "DIR",
        description = "upload these files to batch/input/ first")
    Path batch;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      return aws.onAwsOnly(
          cli.context(),
          () ->
              "local mode has no batch transform: serve the model with scripts/local deploy and"
                  + " send files with scripts/local invoke; or add --target aws",
          verbs -> verbs.transform(Optional.ofNullable(name), model, batch));
    }
  }

  @Command(
      name = "logs",
      description = "AWS (--target aws): a job's log lines from CloudWatch Logs (job or execution)")
  static final class Logs implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Parameters(paramLabel = "NAME", description = "an execution, or a training or transform job")
    String name;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      return aws.onAwsOnly(
          cli.context(),
          () ->
              "a local job's log is its output; it is kept in "
                  + cli.context().workspace().trainingJob(name).resolve("opt-ml/output")
                  + " (see scripts/local describe "
                  + name
                  + "); or add --target aws",
          verbs -> verbs.logs(name));
    }
  }

  @Command(
      name = "stop",
      description = "AWS (--target aws): stop a pipeline execution and the job it runs")
  static final class Stop implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Parameters(paramLabel = "NAME", description = "an execution's name or ARN")
    String name;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      return aws.onAwsOnly(
          cli.context(),
          () ->
              "a local job stops with Ctrl-C (or --max-runtime) and resumes with scripts/local"
                  + " resume; add --target aws to stop a pipeline execution",
          verbs -> verbs.stop(name));
    }
  }
}
