package io.classroomml.local.tune;

import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.SageMakerName;
import io.classroomml.contract.hyperparameters.Hyperparameter;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.Installation;
import io.classroomml.local.LocalException;
import io.classroomml.local.Workspace;
import io.classroomml.local.job.ChildProcesses;
import io.classroomml.local.job.LocalTrainingJob;
import io.classroomml.local.job.TrainingJobRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local {@code CreateHyperParameterTuningJob}: trials are local training jobs (the real {@code
 * train} entrypoint, one JVM each), at most {@code MaxParallelTrainingJobs} at once with the cores
 * shared between them, chosen by the spec's strategy, stopped early by its early-stopping type (or
 * by Hyperband), and ranked by the objective's last emitted value, as SageMaker reads it. This
 * class schedules; a {@link TrialRunner} runs each trial and a {@link TuningJobRecorder} writes the
 * record and the leaderboard.
 */
public final class LocalTuner {

  private final Installation installation;
  private final Workspace workspace;
  private final PrintStream console;

  /** Tunes with the jars of {@code installation}, recording in {@code workspace}. */
  public LocalTuner(Installation installation, Workspace workspace, PrintStream console) {
    this.installation = installation;
    this.workspace = workspace;
    this.console = console;
  }

  /**
   * Options that are local mode's own, not the spec's.
   *
   * @param threadsPerTrial PyTorch threads per trial
   * @param imagesPerEpoch when present, each trial's {@code max_steps_per_epoch} is set so that an
   *     epoch sees about this many images whatever its batch size (a fair, short local budget)
   * @param overrides what was changed relative to the spec file, in words, for the record
   */
  public record Options(int threadsPerTrial, OptionalInt imagesPerEpoch, List<String> overrides) {}

  /** Runs tuning job {@code name} to its end and returns its record. */
  public TuningJobRecord run(
      String name, TuningSpec spec, Map<String, Path> channels, Options options) {
    if (!SageMakerName.TUNING_JOB.isValid(name)) {
      throw new LocalException(SageMakerName.TUNING_JOB.invalid(name));
    }
    if (Files.exists(workspace.tuningJob(name))) {
      throw new LocalException(
          "a tuning job named "
              + name
              + " already exists in "
              + workspace.root()
              + "; choose another --name");
    }
    String metric = spec.objective().metricName();
    if (MetricDefinitions.named(metric).isEmpty()) {
      throw new LocalException(
          "the objective " + metric + " is not a metric the trainer prints; see MetricDefinitions");
    }
    TuningJobRecorder recorder = new TuningJobRecorder(name, spec, options, workspace);
    int epochs = epochs(spec);
    SearchStrategy strategy = SearchStrategy.of(spec, 42);
    int maxJobs =
        spec.strategy() == Strategy.GRID
            ? (int) Math.min(spec.parameterRanges().gridSize(), spec.maxTrainingJobs())
            : spec.maxTrainingJobs();
    int parallel = Math.max(1, Math.min(spec.resourceLimits().maxParallelTrainingJobs(), maxJobs));
    say(
        "tuning job %s: %s search, %s %s, %d trials, %d at once, %d thread(s) each",
        name,
        spec.strategy().apiName(),
        spec.objective().type().apiName(),
        metric,
        maxJobs,
        parallel,
        options.threadsPerTrial());
    OptionalLong limit = spec.resourceLimits().maxRuntimeInSeconds();
    TrialRunner trials =
        new TrialRunner(
            metric,
            spec.objective().type(),
            TrialStopper.of(spec, epochs),
            limit.isPresent()
                ? OptionalLong.of(System.nanoTime() + limit.getAsLong() * 1_000_000_000L)
                : OptionalLong.empty(),
            line -> say("%s", line));
    List<Observation> done = new ArrayList<>();
    Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    CompletionService<TuningJobRecord.TrialSummary> completion =
        new ExecutorCompletionService<>(pool);
    // Ctrl-C: start no more trials (the running ones are stopped by their own jobs) and wait until
    // the tuning job's final record is written.
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch recorded = new CountDownLatch(1);
    Runnable onShutdown =
        () -> {
          stopping.set(true);
          try {
            recorded.await(LocalTrainingJob.STOP_GRACE.toSeconds() + 20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    ChildProcesses.beforeShutdown(onShutdown);
    int launched = 0;
    int inFlight = 0;
    boolean exhausted = false;
    try {
      while (true) {
        while (!exhausted
            && !stopping.get()
            && inFlight < parallel
            && launched < maxJobs
            && !trials.pastDeadline()) {
          Optional<Map<String, String>> next =
              strategy.next(List.copyOf(done), List.copyOf(pending.values()));
          if (next.isEmpty()) {
            exhausted = true;
            break;
          }
          launched++;
          String trialName = trialName(name, launched, next.get());
          pending.put(trialName, next.get());
          Map<String, String> hp = hyperparameters(spec, next.get(), options);
          TrainingJobRequest request =
              new TrainingJobRequest(
                  trialName, hp, channels, OptionalLong.empty(), options.threadsPerTrial(), name);
          LocalTrainingJob job = LocalTrainingJob.create(installation, workspace, request, null);
          say("  start %s %s", trialName, next.get());
          completion.submit(() -> trials.run(job, next.get()));
          inFlight++;
        }
        if (inFlight == 0) {
          break;
        }
        Future<TuningJobRecord.TrialSummary> finished = completion.take();
        inFlight--;
        TuningJobRecord.TrialSummary summary;
        try {
          summary = finished.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a trial could not run: " + e.getCause(), e.getCause());
        }
        pending.remove(summary.name());
        if (summary.objective() != null) {
          double score = spec.objective().type().score(summary.objective());
          done.add(new Observation(summary.tuned(), score));
        }
        say(
            "  %-9s %s %s%s",
            summary.status(),
            summary.name(),
            summary.objective() == null ? "no objective" : metric + "=" + fmt(summary.objective()),
            summary.failureReason() == null ? "" : " (" + firstLine(summary.failureReason()) + ")");
        recorder.finished(summary);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      trials.stopAll();
    } finally {
      pool.shutdown();
    }
    try {
      return recorder.end(Thread.currentThread().isInterrupted() || stopping.get());
    } finally {
      recorded.countDown();
      ChildProcesses.removeBeforeShutdown(onShutdown);
    }
  }

  /** Static + tuned + SageMaker's {@code _tuning_objective_metric} + the local step budget. */
  static Map<String, String> hyperparameters(
      TuningSpec spec, Map<String, String> tuned, Options options) {
    Map<String, String> hp = new LinkedHashMap<>(spec.staticHyperParameters());
    hp.putAll(tuned);
    if (spec.strategy() == Strategy.HYPERBAND && spec.hyperband() != null) {
      spec.hyperband()
          .maxResource()
          .ifPresent(m -> hp.put(TrainerHyperparameters.EPOCHS.name(), Integer.toString(m)));
    }
    hp.put(TrainerHyperparameters.TUNING_OBJECTIVE_METRIC, spec.objective().metricName());
    String maxSteps = TrainerHyperparameters.MAX_STEPS_PER_EPOCH.name();
    if (options.imagesPerEpoch().isPresent() && !hp.containsKey(maxSteps)) {
      int batch =
          (Integer)
              TrainerHyperparameters.BATCH_SIZE.parse(
                  valueOrDefault(hp, TrainerHyperparameters.BATCH_SIZE));
      int steps = (options.imagesPerEpoch().getAsInt() + batch - 1) / batch;
      hp.put(maxSteps, Integer.toString(Math.max(1, steps)));
    }
    return hp;
  }

  static int epochs(TuningSpec spec) {
    if (spec.strategy() == Strategy.HYPERBAND && spec.hyperband() != null) {
      OptionalInt max = spec.hyperband().maxResource();
      if (max.isPresent()) {
        return max.getAsInt();
      }
    }
    // The spec's values were checked against the schema when it was parsed.
    return (Integer)
        TrainerHyperparameters.EPOCHS.parse(
            valueOrDefault(spec.staticHyperParameters(), TrainerHyperparameters.EPOCHS));
  }

  /** {@code h}'s value in {@code values}, else the trainer's default. */
  private static String valueOrDefault(Map<String, String> values, Hyperparameter h) {
    return values.getOrDefault(h.name(), h.defaultString());
  }

  /** SageMaker's trial names: {@code <tuning job>-<NNN>-<8 hex>}. */
  static String trialName(String tuningJob, int index, Map<String, String> tuned) {
    String hash = HexFormat.of().toHexDigits(tuned.toString().hashCode());
    return String.format(Locale.ROOT, "%s-%03d-%s", tuningJob, index, hash);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  private void say(String format, Object... args) {
    if (console != null) {
      console.println(String.format(Locale.ROOT, format, args));
    }
  }
}
