package io.classroomml.local;

import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.contract.tuning.TuningSpecException;
import io.classroomml.local.endpoint.LocalEndpoints;
import io.classroomml.local.job.LocalTrainingJob;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.job.TrainingJobRequest;
import io.classroomml.local.tune.Leaderboard;
import io.classroomml.local.tune.LocalTuner;
import io.classroomml.local.tune.SpecOverrides;
import io.classroomml.local.tune.TuningJobRecord;
import io.classroomml.runtime.client.InvokeCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code scripts/local VERB ...}: SageMaker's workflow on this machine. Verbs: {@code run} (the
 * whole flow), {@code train}, {@code resume}, {@code tune}, {@code list}, {@code describe}, {@code
 * deploy}, {@code invoke}, {@code delete}. Every user error ends here as one line and exit code 2.
 */
public final class LocalMain {

  /** Exit code for a mistake the user can fix. */
  public static final int EXIT_USAGE = 2;

  /** Exit code when a job the command ran did not complete. */
  public static final int EXIT_JOB_FAILED = 1;

  static final String USAGE =
      """
      usage: scripts/local VERB [options]
        run       the whole flow: data, training job, tuning job, two endpoints, invocations, report
        train     --name N --data DIR [--validation DIR] [--hp K=V ...] [--max-runtime S] [--threads T]
                  --target aws --pipeline TRAINING_PIPELINE_ARN [--hp K=V ...] [--region R]
        resume    NAME                      continue a stopped or failed job from its checkpoint
        tune      --name N --data DIR [--validation DIR] [--spec FILE] [--max-jobs N] [--max-parallel N]
                  [--strategy Random|Grid|Bayesian|Hyperband] [--set K=V ...] [--images-per-epoch N]
                  --target aws --pipeline TUNING_PIPELINE_ARN [--region R]
        list                                training and tuning jobs in the workspace
        describe  NAME                      a job's record (DescribeTrainingJob / DescribeHyperParameterTuningJob)
        deploy    --endpoint NAME=JOB ... [--port P]   serve jobs' models until Ctrl-C
        invoke    --endpoint NAME [--endpoint-url URL | --region R] FILE...   (SDK v2 client; AWS without a URL)
        delete    NAME                      remove a job's folder from the workspace
      workspace: $CLASSROOM_LOCAL_HOME or .local/ in the project
      """;

  private LocalMain() {}

  /** Runs a verb and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a verb; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return EXIT_USAGE;
    }
    String verb = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    Installation installation = Installation.locate();
    Workspace workspace = workspace(installation);
    try {
      return switch (verb) {
        case "run" -> LocalRun.run(installation, workspace, rest, out);
        case "train" -> train(installation, workspace, rest, out);
        case "resume" -> resume(installation, workspace, rest, out);
        case "tune" -> tune(installation, workspace, rest, out);
        case "list" -> list(workspace, out);
        case "describe" -> describe(workspace, rest, out);
        case "deploy" -> deploy(installation, workspace, rest, out);
        case "invoke" -> InvokeCommand.run(rest, out, err);
        case "delete" -> delete(workspace, rest, out);
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        default -> {
          err.println("local: unknown verb '" + verb + "'");
          err.print(USAGE);
          yield EXIT_USAGE;
        }
      };
    } catch (LocalException | TuningSpecException e) {
      err.println("local " + verb + ": " + e.getMessage());
      return EXIT_USAGE;
    } catch (UncheckedIOException e) {
      err.println("local " + verb + ": " + e.getMessage() + ": " + e.getCause().getMessage());
      return EXIT_JOB_FAILED;
    } catch (RuntimeException e) {
      err.println(
          "local " + verb + ": internal error (a bug in classroom-ml, not in your job): " + e);
      e.printStackTrace(err);
      return EXIT_JOB_FAILED;
    }
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

  private static int train(Installation inst, Workspace ws, String[] rest, PrintStream out) {
    Args a =
        Args.parse(
            "train",
            rest,
            Set.of(
                "name",
                "data",
                "validation",
                "hp",
                "max-runtime",
                "threads",
                "target",
                "pipeline",
                "region"),
            Set.of());
    if (aws(a)) {
      return AwsTarget.start(
          AwsTarget.command(
              a.required("pipeline"), AwsTarget.input(a.pairs("hp")), a.get("region")),
          out);
    }
    Map<String, Path> channels = channels(a);
    OptionalLong maxRuntime =
        a.get("max-runtime").isPresent()
            ? OptionalLong.of(a.integer("max-runtime", 0))
            : OptionalLong.empty();
    TrainingJobRequest request =
        new TrainingJobRequest(
            a.required("name"),
            a.pairs("hp"),
            channels,
            maxRuntime,
            a.integer("threads", cores()),
            null);
    LocalTrainingJob job = LocalTrainingJob.create(inst, ws, request, out);
    return report(job.run(null), out);
  }

  private static int resume(Installation inst, Workspace ws, String[] rest, PrintStream out) {
    Args a = Args.parse("resume", rest, Set.of("threads"), Set.of());
    if (a.positional().size() != 1) {
      throw new LocalException("resume: give the job's name, e.g. scripts/local resume my-job");
    }
    LocalTrainingJob job =
        LocalTrainingJob.resume(
            inst, ws, a.positional().get(0), a.integer("threads", cores()), out);
    out.println("resuming training job " + job.name() + " from its latest checkpoint");
    return report(job.run(null), out);
  }

  private static int tune(Installation inst, Workspace ws, String[] rest, PrintStream out) {
    Args a =
        Args.parse(
            "tune",
            rest,
            Set.of(
                "name",
                "data",
                "validation",
                "spec",
                "max-jobs",
                "max-parallel",
                "strategy",
                "set",
                "images-per-epoch"),
            Set.of());
    TuningSpec spec = loadSpec(a.get("spec"));
    List<String> changes = new ArrayList<>();
    TuningSpec local = overrides(a).apply(spec, changes);
    int parallel = local.resourceLimits().maxParallelTrainingJobs();
    OptionalInt images =
        a.get("images-per-epoch").isPresent()
            ? OptionalInt.of(a.integer("images-per-epoch", 0))
            : OptionalInt.empty();
    LocalTuner.Options options =
        new LocalTuner.Options(Math.max(1, cores() / Math.max(1, parallel)), images, changes);
    TuningJobRecord record =
        new LocalTuner(inst, ws, out).run(a.required("name"), local, channels(a), options);
    out.print(Leaderboard.markdown(record, local.objective()));
    out.println("best: " + record.bestTrainingJob());
    out.println("leaderboard: " + ws.tuningJob(record.name()).resolve("leaderboard.html"));
    return record.status().equals("Completed") ? 0 : EXIT_JOB_FAILED;
  }

  /** {@code --target aws} (or {@code local}, the default). */
  private static boolean aws(Args a) {
    String target = a.get("target", "local");
    if (!target.equals("aws") && !target.equals("local")) {
      throw new LocalException("--target " + target + " is not known; use local or aws");
    }
    return target.equals("aws");
  }

  static TuningSpec loadSpec(Optional<String> file) {
    if (file.isEmpty()) {
      return TuningSpec.defaultSpec();
    }
    try {
      return TuningSpec.parse(Path.of(file.get()));
    } catch (IOException e) {
      throw new LocalException("cannot read tuning spec " + file.get() + ": " + e.getMessage());
    }
  }

  static SpecOverrides overrides(Args a) {
    Optional<Strategy> strategy =
        a.get("strategy")
            .map(
                s ->
                    Arrays.stream(Strategy.values())
                        .filter(v -> v.apiName().equalsIgnoreCase(s))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new LocalException(
                                    "--strategy "
                                        + s
                                        + " is not one of Random, Grid, Bayesian, Hyperband")));
    return new SpecOverrides(
        a.get("max-jobs").isPresent()
            ? OptionalInt.of(a.integer("max-jobs", 1))
            : OptionalInt.empty(),
        a.get("max-parallel").isPresent()
            ? OptionalInt.of(a.integer("max-parallel", 1))
            : OptionalInt.empty(),
        strategy,
        a.pairs("set"));
  }

  private static Map<String, Path> channels(Args a) {
    Map<String, Path> channels = new LinkedHashMap<>();
    channels.put("train", Path.of(a.required("data")).toAbsolutePath());
    a.get("validation").ifPresent(v -> channels.put("validation", Path.of(v).toAbsolutePath()));
    return channels;
  }

  private static int report(TrainingJobRecord r, PrintStream out) {
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
    return r.status().equals(TrainingJobRecord.COMPLETED) ? 0 : EXIT_JOB_FAILED;
  }

  private static int list(Workspace ws, PrintStream out) {
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

  private static int describe(Workspace ws, String[] rest, PrintStream out) {
    if (rest.length != 1) {
      throw new LocalException("describe: give one job name; see scripts/local list");
    }
    Path file = ws.trainingJob(rest[0]).resolve("job.json");
    if (!Files.isRegularFile(file)) {
      file = ws.tuningJob(rest[0]).resolve("tuning.json");
    }
    if (!Files.isRegularFile(file)) {
      throw new LocalException(
          "no training or tuning job named " + rest[0] + "; see scripts/local list");
    }
    try {
      out.println(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  private static int delete(Workspace ws, String[] rest, PrintStream out) {
    if (rest.length != 1) {
      throw new LocalException("delete: give one job name; see scripts/local list");
    }
    Path dir = ws.trainingJob(rest[0]);
    if (!Files.isDirectory(dir)) {
      dir = ws.tuningJob(rest[0]);
    }
    if (!Files.isDirectory(dir)) {
      throw new LocalException("no training or tuning job named " + rest[0]);
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("deleted " + dir);
    return 0;
  }

  private static int deploy(Installation inst, Workspace ws, String[] rest, PrintStream out) {
    Args a = Args.parse("deploy", rest, Set.of("endpoint", "port"), Set.of());
    Map<String, String> wanted = a.pairs("endpoint");
    if (wanted.isEmpty()) {
      throw new LocalException("deploy: give --endpoint NAME=JOB at least once");
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (LocalEndpoints endpoints = new LocalEndpoints(inst, ws, a.integer("port", 8090), out)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    endpoints.close();
                    stop.countDown();
                  }));
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        TrainingJobRecord job =
            ws.training(e.getValue())
                .orElseThrow(() -> new LocalException("no training job named " + e.getValue()));
        if (job.modelArtifacts() == null) {
          throw new LocalException(
              "training job " + e.getValue() + " saved no model (" + job.status() + ")");
        }
        endpoints.create(e.getKey(), Path.of(job.modelArtifacts()));
      }
      out.println(
          "gateway: "
              + endpoints.gatewayUrl()
              + "  (e.g. scripts/local invoke --endpoint-url "
              + endpoints.gatewayUrl()
              + " --endpoint "
              + wanted.keySet().iterator().next()
              + " image.png); Ctrl-C deletes the endpoints");
      stop.await();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the endpoints", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
