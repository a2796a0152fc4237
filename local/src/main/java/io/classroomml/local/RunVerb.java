package io.classroomml.local;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code scripts/local run} (= {@code scripts/local-run}): its options; {@link LocalRun} runs. */
@Command(
    name = "run",
    description = {
      "the whole flow: data, a training job, a tuning job, two endpoints, invocations, a report"
    })
final class RunVerb implements Callable<Integer> {

  @ParentCommand LocalCli cli;

  @Mixin LocalCli.HelpOption help;

  @Option(
      names = "--data-source",
      paramLabel = "SOURCE",
      defaultValue = "auto",
      description = "auto (default), cifar10, fashion-mnist or generated")
  String dataSource;

  @Option(
      names = "--train-images",
      paramLabel = "N",
      defaultValue = "6000",
      description = "train channel size (default: ${DEFAULT-VALUE})")
  int trainImages;

  @Option(
      names = "--test-images",
      paramLabel = "N",
      defaultValue = "1000",
      description = "validation channel size (default: ${DEFAULT-VALUE})")
  int testImages;

  @Option(
      names = "--images-per-epoch",
      paramLabel = "N",
      description =
          "sets max_steps_per_epoch per job from its batch size (default: "
              + LocalRun.IMAGES_PER_EPOCH_28X28
              + " images of 28x28, fewer of larger images, the same compute per job)")
  Integer imagesPerEpoch;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "3",
      description = "epochs of the training job and of every trial (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(
      names = "--trials",
      paramLabel = "N",
      defaultValue = "4",
      description = "MaxNumberOfTrainingJobs (default: ${DEFAULT-VALUE})")
  int trials;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "MaxParallelTrainingJobs (default: min(2, cores))")
  Integer parallel;

  @Mixin SpecOptions spec;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "architecture of every job (default: " + LocalRun.MODEL + ")")
  String model;

  @Option(
      names = "--invoke",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "test images sent to each endpoint, at most the validation channel's"
              + " (default: ${DEFAULT-VALUE})")
  int invoke;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "names the run, its jobs and endpoints (default: run-<date>)")
  String name;

  @Option(names = "--no-download", description = "never try to download CIFAR-10")
  boolean noDownload;

  Optional<String> name() {
    return Optional.ofNullable(name);
  }

  @Override
  public Integer call() {
    LocalCli.Context c = cli.context();
    return LocalRun.run(c.installation(), c.workspace(), this, c.out());
  }
}
