package io.classroomml.local;

import io.classroomml.local.aws.AwsVerbs;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.tune.TuningJobRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The verbs that read the workspace: {@code list}, {@code describe} and {@code delete}. */
final class WorkspaceVerbs {

  private WorkspaceVerbs() {}

  @Command(
      name = "list",
      description = {
        "training and tuning jobs in the workspace",
        "with --target aws: the executions of your stack's pipelines"
      })
  static final class ListJobs implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;
    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      if (aws.isAws()) {
        try (AwsVerbs verbs = aws.verbs(cli.context())) {
          return verbs.list();
        }
      }
      Workspace ws = cli.context().workspace();
      PrintStream out = cli.context().out();
      out.println("training jobs in " + ws.root() + ":");
      for (TrainingJobRecord r : ws.trainingJobs()) {
        out.printf(
            Locale.ROOT,
            "  %-40s %-10s %6.0f s  %s%n",
            r.name(),
            r.status(),
            r.trainingSeconds(),
            r.finalMetrics().containsKey("validation:accuracy")
                ? String.format(
                    Locale.ROOT,
                    "validation:accuracy=%.4f",
                    r.finalMetrics().get("validation:accuracy"))
                : "");
      }
      out.println("tuning jobs:");
      for (TuningJobRecord r : ws.tuningJobs()) {
        out.printf(
            Locale.ROOT,
            "  %-40s %-10s %d trials, best %s%n",
            r.name(),
            r.status(),
            r.trials().size(),
            r.bestTrainingJob());
      }
      return 0;
    }
  }

  @Command(
      name = "describe",
      description = {
        "a job's record (DescribeTrainingJob / DescribeHyperParameterTuningJob)",
        "with --target aws: a pipeline execution (by name) and its job, or a job by its name"
      })
  static final class Describe implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Parameters(paramLabel = "NAME", description = "a training or tuning job")
    String name;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      if (aws.isAws()) {
        try (AwsVerbs verbs = aws.verbs(cli.context())) {
          return verbs.describe(name);
        }
      }
      Workspace ws = cli.context().workspace();
      Path file = ws.trainingJob(name).resolve("job.json");
      if (!Files.isRegularFile(file)) {
        file = ws.tuningJob(name).resolve("tuning.json");
      }
      if (!Files.isRegularFile(file)) {
        throw new LocalException(
            "no training or tuning job named " + name + "; see scripts/local list");
      }
      try {
        cli.context().out().println(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "remove a job's folder from the workspace")
  static final class Delete implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Parameters(paramLabel = "NAME", description = "a training or tuning job")
    String name;

    @Override
    public Integer call() {
      Workspace ws = cli.context().workspace();
      Path dir = ws.trainingJob(name);
      if (!Files.isDirectory(dir)) {
        dir = ws.tuningJob(name);
      }
      if (!Files.isDirectory(dir)) {
        throw new LocalException("no training or tuning job named " + name);
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cli.context().out().println("deleted " + dir);
      return 0;
    }
  }
}
