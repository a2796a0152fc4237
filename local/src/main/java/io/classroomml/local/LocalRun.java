package io.classroomml.local;

import io.classroomml.contract.Channels;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.data.DataSelection;
import io.classroomml.local.endpoint.LocalEndpoints;
import io.classroomml.local.job.LocalTrainingJob;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.job.TrainingJobRequest;
import io.classroomml.local.tune.Leaderboard;
import io.classroomml.local.tune.LocalTuner;
import io.classroomml.local.tune.TuningJobRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code scripts/local run}, the README's main command: the whole SageMaker workflow on this
 * machine, offline, printing each step. Data (CIFAR-10, else Fashion-MNIST, else generated, saying
 * why), a training job, a tuning job from the course's tuning spec (trials in parallel), the best
 * trial and the training job deployed as two endpoints behind the runtime gateway, test images sent
 * through the AWS SDK v2 client, and a report. The defaults finish in minutes on two cores.
 */
final class LocalRun {

  private LocalRun() {}

  /**
   * What the demo's short jobs (about 1.4 passes over the data) set beyond the trainer's defaults:
   * no random crop, a regulariser that pays only over many epochs and here cost 8 points of
   * accuracy (bench/training.md); and no flip TTA in evaluation, since the endpoints answer without
   * it: trials are ranked as they will serve, and each evaluation takes half the time. {@code --set
   * augment_crop=true} or {@code --set tta=true} restores either.
   */
  static final Map<String, String> SHORT_RUN = Map.of("augment_crop", "false", "tta", "false");

  /**
   * The demo's network. airbench at CPU widths learns far more per image than the trainer's default
   * smallcnn in these short jobs: Fashion-MNIST's best endpoint 0.90 in 69 s against 0.87 in 81 s,
   * the generated set's 0.97 against 0.91 in 87 s (bench/training-recipe.md).
   */
  static final String MODEL = "airbench-cpu";

  /**
   * Images per epoch of each job by default, for 28×28 images: 3 epochs of them take Fashion-MNIST
   * to 0.87 and the whole run to about 80 s on 2 cores (2 epochs gave 0.83).
   */
  static final int IMAGES_PER_EPOCH_28X28 = 5120;

  /**
   * The default for images of {@code height × width}: the same pixels, so about the same compute.
   */
  static int imagesPerEpoch(int height, int width) {
    return (int) Math.round(IMAGES_PER_EPOCH_28X28 * 28.0 * 28.0 / (height * (double) width));
  }

  /** Names every count option below 1 at once, before anything is built or started. */
  private static void refuseCountsBelowOne(RunVerb a) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("--epochs", a.epochs);
    counts.put("--trials", a.trials);
    counts.put("--invoke", a.invoke);
    if (a.imagesPerEpoch != null) {
      counts.put("--images-per-epoch", a.imagesPerEpoch);
    }
    List<String> problems = new ArrayList<>();
    counts.forEach(
        (option, value) -> {
          if (value < 1) {
            problems.add(option + " " + value + " must be at least 1");
          }
        });
    if (!problems.isEmpty()) {
      throw new LocalException(String.join("; ", problems) + "; leave it out for its default");
    }
  }

  static int run(Installation inst, Workspace ws, RunVerb a, PrintStream out) {
    refuseCountsBelowOne(a);
    long start = System.nanoTime();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
    String prefix = a.name().orElse("run-" + stamp);
    Path runDir = ws.root().resolve("runs").resolve(prefix);
    if (Files.exists(runDir)) {
      throw new LocalException(
          "a run named " + prefix + " exists in " + runDir + "; pick another --name");
    }
    int cores = LocalMain.cores();
    int epochs = a.epochs;
    int invokeCount = a.invoke;
    String model = a.model != null ? a.model : MODEL;
    Map<String, Double> seconds = new LinkedHashMap<>();

    // 1. data
    out.println("== 1/6 data");
    long t = System.nanoTime();
    DataSelection.Selected data;
    try {
      data =
          DataSelection.prepare(
              new DataSelection.Request(
                  a.dataSource,
                  a.trainImages,
                  a.testImages,
                  !a.noDownload,
                  Path.of(System.getProperty("user.home"), ".cache", "classroom-ml", "cifar-10"),
                  Optional.ofNullable(System.getenv(DataSelection.CIFAR_ENV)).map(Path::of),
                  Optional.ofNullable(System.getenv("CLASSROOM_FASHION_MNIST_DIR"))
                      .map(Path::of)
                      .orElse(DataSelection.FASHION_MNIST)),
              runDir.resolve("data"),
              out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the data", e);
    }
    out.println("data: " + data.name() + " — " + data.why());
    out.printf(
        "channels: train %s, validation %s (%d test images)%n",
        data.train(), data.validation(), data.test().size());
    Map<String, Path> channels = new LinkedHashMap<>();
    channels.put(Channels.TRAIN, data.train());
    channels.put(Channels.VALIDATION, data.validation());
    seconds.put("data", lap(t));
    int imagesPerEpoch =
        a.imagesPerEpoch != null
            ? a.imagesPerEpoch
            : imagesPerEpoch(data.test().height(), data.test().width());

    // 2. training job
    out.println("== 2/6 training job");
    t = System.nanoTime();
    Map<String, String> hp = new LinkedHashMap<>();
    int batch = (Integer) TrainerHyperparameters.BATCH_SIZE.defaultValue().orElseThrow();
    hp.put(TrainerHyperparameters.MODEL.name(), model);
    hp.put(TrainerHyperparameters.EPOCHS.name(), Integer.toString(epochs));
    hp.put(TrainerHyperparameters.BATCH_SIZE.name(), Integer.toString(batch));
    hp.put(
        TrainerHyperparameters.MAX_STEPS_PER_EPOCH.name(),
        Integer.toString(Math.max(1, (imagesPerEpoch + batch - 1) / batch)));
    hp.putAll(SHORT_RUN);
    hp.putAll(a.spec.pinned());
    TrainingJobRecord trained =
        LocalTrainingJob.create(
                inst,
                ws,
                new TrainingJobRequest(
                    "train-" + prefix, hp, channels, OptionalLong.empty(), cores, null),
                out)
            .run(null);
    out.printf(
        Locale.ROOT,
        "training job %s: %s, validation:accuracy %s, %.0f s%n",
        trained.name(),
        trained.status(),
        metric(trained, "validation:accuracy"),
        trained.trainingSeconds());
    if (!trained.status().equals(TrainingJobRecord.COMPLETED)) {
      throw new LocalException(
          "the training job "
              + trained.name()
              + " "
              + trained.status()
              + ": "
              + trained.failureReason());
    }
    seconds.put("training job", lap(t));

    // 3. tuning job
    out.println("== 3/6 tuning job");
    t = System.nanoTime();
    TuningSpec spec = a.spec.load();
    List<String> changes = new ArrayList<>();
    Map<String, String> pinned = new LinkedHashMap<>();
    pinned.put(TrainerHyperparameters.EPOCHS.name(), Integer.toString(epochs));
    pinned.put(TrainerHyperparameters.MODEL.name(), model);
    pinned.putAll(SHORT_RUN);
    pinned.putAll(a.spec.pinned());
    int parallel = a.parallel != null ? a.parallel : Math.max(1, Math.min(2, cores));
    TuningSpec local =
        new io.classroomml.local.tune.SpecOverrides(
                OptionalInt.of(a.trials), OptionalInt.of(parallel), a.spec.strategy(), pinned)
            .apply(spec, changes);
    changes.add(
        "max_steps_per_epoch: about "
            + imagesPerEpoch
            + " images per epoch whatever the batch size");
    out.println("spec: " + a.spec.describe());
    out.println("local overrides: " + String.join("; ", changes));
    TuningJobRecord tuned =
        new LocalTuner(inst, ws, out)
            .run(
                "tune-" + prefix,
                local,
                channels,
                new LocalTuner.Options(
                    Math.max(1, cores / parallel), OptionalInt.of(imagesPerEpoch), changes));
    out.print(Leaderboard.markdown(tuned, local.objective()));
    if (tuned.bestTrainingJob() == null) {
      throw new LocalException(
          "no trial of " + tuned.name() + " reported " + local.objective().metricName());
    }
    seconds.put("tuning job", lap(t));

    // 4-5. endpoints and invocations
    out.println("== 4/6 endpoints (best trial and the training job, side by side)");
    t = System.nanoTime();
    // The best trial that saved a model (a trial stopped early may have the best objective so far
    // and no model: SageMaker would deploy nothing from it either).
    TrainingJobRecord best =
        Leaderboard.ranked(tuned, local.objective().type()).stream()
            .map(trial -> ws.training(trial.name()).orElseThrow())
            .filter(
                r ->
                    r.modelArtifacts() != null
                        && r.finalMetrics().containsKey(local.objective().metricName()))
            .findFirst()
            .orElseThrow(
                () -> new LocalException("no trial of " + tuned.name() + " saved a model"));
    Map<String, Invoker.Scored> scores = new LinkedHashMap<>();
    Map<String, String> served = new LinkedHashMap<>();
    try (LocalEndpoints endpoints = new LocalEndpoints(inst, ws, 0, out)) {
      String bestEndpoint = "best-" + prefix;
      String baseEndpoint = "baseline-" + prefix;
      endpoints.create(bestEndpoint, Path.of(best.modelArtifacts()));
      endpoints.create(baseEndpoint, Path.of(trained.modelArtifacts()));
      served.put(bestEndpoint, best.name());
      served.put(baseEndpoint, trained.name());
      seconds.put("endpoints up", lap(t));
      out.println(
          "== 5/6 invocations through the AWS SDK v2 client (" + endpoints.gatewayUrl() + ")");
      t = System.nanoTime();
      for (String endpoint : served.keySet()) {
        Invoker.Scored s =
            Invoker.score(endpoints.gatewayUrl(), endpoint, data.test(), invokeCount);
        scores.put(endpoint, s);
        out.printf(
            Locale.ROOT,
            "%s: %d images in %d requests, accuracy %.3f, %.1f ms per request; first predictions: %s%n",
            endpoint,
            s.predicted().size(),
            s.requests(),
            s.accuracy(),
            s.millis() / Math.max(1, s.requests()),
            firstPredictions(s, data));
      }
      seconds.put("invocations", lap(t));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run the endpoints", e);
    }
    out.println("endpoints deleted; no container left running");

    // 6. report
    out.println("== 6/6 report");
    seconds.put("total", lap(start));
    Path report =
        RunReport.write(
            runDir,
            data,
            trained,
            tuned,
            local.objective(),
            scores,
            served,
            seconds,
            ws,
            AwsComparison.load(inst.root()));
    out.println("report: " + report);
    out.println("leaderboard: " + ws.tuningJob(tuned.name()).resolve("leaderboard.html"));
    out.println(
        "training report: " + Path.of(trained.baseDir()).resolve("output/data/report.html"));
    out.println("artifacts: " + trained.modelArtifacts() + ", " + best.modelArtifacts());
    out.printf(Locale.ROOT, "done in %.0f s (%s)%n", seconds.get("total"), seconds);
    return 0;
  }

  private static String firstPredictions(Invoker.Scored s, DataSelection.Selected data) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(4, s.predicted().size()); i++) {
      b.append(i == 0 ? "" : ", ")
          .append(s.predicted().get(i))
          .append(" (true ")
          .append(data.test().classNames().get(data.test().labels()[i]))
          .append(')');
    }
    return b.toString();
  }

  static String metric(TrainingJobRecord r, String name) {
    Double v = r.finalMetrics().get(name);
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static double lap(long since) {
    return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
  }
}
