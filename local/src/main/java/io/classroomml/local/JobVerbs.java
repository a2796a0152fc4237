package io.classroomml.local;

import io.classroomml.contract.Channels;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.aws.AwsVerbs;
import io.classroomml.local.job.LocalTrainingJob;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.job.TrainingJobRequest;
import io.classroomml.local.tune.Leaderboard;
import io.classroomml.local.tune.LocalTuner;
import io.classroomml.local.tune.SpecOverrides;
import io.classroomml.local.tune.TuningJobRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The job verbs: {@code train}, {@code resume} and {@code tune}. */
final class JobVerbs {

  private JobVerbs() {}

  @Command(
      name = "train",
      description = {
        "a training job: the real train entrypoint in its own JVM, SageMaker's /opt/ml layout",
        "with --target aws: start the stack's training pipeline instead"
      })
  static final class Train implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Option(names = "--name", paramLabel = "N", description = "the job's name")
    String name;

    @Mixin ChannelOptions data;

    @Option(
        names = "--hp",
        paramLabel = "K=V",
        description = "a hyperparameter (repeatable); strings, as SageMaker passes them")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(
        names = "--max-runtime",
        paramLabel = "S",
        description = "StoppingCondition: SIGTERM after S seconds; the job is Stopped")
    Long maxRuntime;

    @Option(names = "--threads", paramLabel = "T", description = "PyTorch threads (default: cores)")
    Integer threads;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      LocalCli.Context c = cli.context();
      if (aws.isAws()) {
        try (AwsVerbs verbs = aws.verbs(c)) {
          return verbs.train(Optional.ofNullable(name), hyperparameters, data.channelsIfGiven());
        }
      }
      TrainingJobRequest request =
          new TrainingJobRequest(
              required(name, "--name"),
              hyperparameters,
              data.channels(),
              maxRuntime == null ? OptionalLong.empty() : OptionalLong.of(maxRuntime),
              threads != null ? threads : LocalMain.cores(),
              null);
      LocalTrainingJob job =
          LocalTrainingJob.create(c.installation(), c.workspace(), request, c.out());
      return report(job.run(null), c.out());
    }
  }

  @Command(name = "resume", description = "continue a stopped or failed job from its checkpoint")
  static final class Resume implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Parameters(paramLabel = "NAME", description = "the training job")
    String name;

    @Option(names = "--threads", paramLabel = "T", description = "PyTorch threads (default: cores)")
    Integer threads;

    @Override
    public Integer call() {
      LocalCli.Context c = cli.context();
      LocalTrainingJob job =
          LocalTrainingJob.resume(
              c.installation(),
              c.workspace(),
              name,
              threads != null ? threads : LocalMain.cores(),
              c.out());
      c.out().println("resuming training job " + job.name() + " from its latest checkpoint");
      return report(job.run(null), c.out());
    }
  }

  @Command(
      name = "tune",
      description = {
        "a tuning job from a tuning spec, its trials as local training jobs",
        "with --target aws: start the stack's tuning pipeline (its own spec) instead"
      })
  static final class Tune implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Option(names = "--name", paramLabel = "N", description = "the tuning job's name")
    String name;

    @Mixin ChannelOptions data;
    @Mixin SpecOptions spec;

    @Option(
        names = "--max-jobs",
        paramLabel = "N",
        description = "MaxNumberOfTrainingJobs (default: the spec's)")
    Integer maxJobs;

    @Option(
        names = "--max-parallel",
        paramLabel = "N",
        description = "MaxParallelTrainingJobs (default: the spec's)")
    Integer maxParallel;

    @Option(
        names = "--images-per-epoch",
        paramLabel = "N",
        description = "sets max_steps_per_epoch per trial from its batch size")
    Integer imagesPerEpoch;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      LocalCli.Context c = cli.context();
      if (aws.isAws()) {
        try (AwsVerbs verbs = aws.verbs(c)) {
          return verbs.tune(Optional.ofNullable(name), data.channelsIfGiven());
        }
      }
      List<String> changes = new ArrayList<>();
      TuningSpec local =
          new SpecOverrides(
                  optional(maxJobs), optional(maxParallel), spec.strategy(), spec.pinned())
              .apply(spec.load(), changes);
      int parallel = local.resourceLimits().maxParallelTrainingJobs();
      LocalTuner.Options options =
          new LocalTuner.Options(
              Math.max(1, LocalMain.cores() / Math.max(1, parallel)),
              optional(imagesPerEpoch),
              changes);
      TuningJobRecord record =
          new LocalTuner(c.installation(), c.workspace(), c.out())
              .run(required(name, "--name"), local, data.channels(), options);
      c.out().print(Leaderboard.markdown(record, local.objective()));
      c.out().println("best: " + record.bestTrainingJob());
      c.out()
          .println(
              "leaderboard: " + c.workspace().tuningJob(record.name()).resolve("leaderboard.html"));
      return record.status().equals("Completed") ? 0 : LocalMain.EXIT_JOB_FAILED;
    }
  }

  /** {@code --data} and {@code --validation}: the job's channels. */
  static final class ChannelOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "the train channel")
    Path data;

    @Option(names = "--validation", paramLabel = "DIR", description = "the validation channel")
    Path validation;

    Map<String, Path> channels() {
      Map<String, Path> channels = new LinkedHashMap<>();
      channels.put(Channels.TRAIN, Path.of(required(data, "--data")).toAbsolutePath());
      if (validation != null) {
        channels.put(Channels.VALIDATION, validation.toAbsolutePath());
      }
      return channels;
    }

    /** The channels when {@code --data} is given (the AWS target then uploads them), else none. */
    Map<String, Path> channelsIfGiven() {
      return data == null && validation == null ? Map.of() : channels();
    }
  }

  /** A finished training job, as the verbs print it; its exit code. */
  static int report(TrainingJobRecord r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "training job %s: %s (%s) in %.0f s%n",
        r.name(),
        r.status(),
        r.secondaryStatus(),
        r.trainingSeconds());
    if (r.failureReason() != null) {
      out.println("  FailureReason: " + r.failureReason());
    }
    r.finalMetrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %.4f%n", k, v));
    if (r.modelArtifacts() != null) {
      out.println("  model: " + r.modelArtifacts());
    }
    if (r.status().equals(TrainingJobRecord.STOPPED)) {
      out.println("  resume with: scripts/local resume " + r.name());
    }
    return r.status().equals(TrainingJobRecord.COMPLETED) ? 0 : LocalMain.EXIT_JOB_FAILED;
  }

  /** An option a local job needs (the AWS target does not). */
  static <T> String required(T value, String option) {
    if (value == null) {
      throw new LocalException(option + " is required");
    }
    return value.toString();
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
