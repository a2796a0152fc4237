package io.classroomml.local.tune;

import io.classroomml.contract.JobStatus;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.SageMakerName;
import io.classroomml.contract.hyperparameters.Hyperparameter;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.contract.tuning.ObjectiveType;
import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.local.Installation;
import io.classroomml.local.LocalException;
import io.classroomml.local.Workspace;
import io.classroomml.local.job.LocalTrainingJob;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.job.TrainingJobRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A local {@code CreateHyperParameterTuningJob}: trials are local training jobs (the real {@code
 * train} entrypoint, one JVM each), at most {@code MaxParallelTrainingJobs} at once with the cores
 * shared between them, chosen by the spec's strategy, stopped early by its early-stopping type (or
 * by Hyperband), and ranked by the objective's last emitted value, as SageMaker reads it.
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
    Instant created = Instant.now();
    long start = System.nanoTime();
    String metric = spec.objective().metricName();
    if (MetricDefinitions.named(metric).isEmpty()) {
      throw new LocalException(
          "the objective " + metric + " is not a metric the trainer prints; see MetricDefinitions");
    }
    ObjectiveType direction = spec.objective().type();
    int epochs = epochs(spec);
    SearchStrategy strategy = SearchStrategy.of(spec, 42);
    TrialStopper stopper = TrialStopper.of(spec, epochs);
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
    List<TuningJobRecord.TrialSummary> summaries = Collections.synchronizedList(new ArrayList<>());
    List<Observation> done = new ArrayList<>();
    Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();
    Set<LocalTrainingJob> running = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    CompletionService<TuningJobRecord.TrialSummary> completion =
        new ExecutorCompletionService<>(pool);
    OptionalLong limit = spec.resourceLimits().maxRuntimeInSeconds();
    OptionalLong deadline =
        limit.isPresent()
            ? OptionalLong.of(System.nanoTime() + limit.getAsLong() * 1_000_000_000L)
            : OptionalLong.empty();
    TuningJobRecord record =
        record(name, JobStatus.IN_PROGRESS, spec, options, summaries, created, start, null);
    workspace.save(record);
    // Ctrl-C: start no more trials (the running ones are stopped by their own jobs) and wait until
    // the tuning job's final record is written.
    java.util.concurrent.atomic.AtomicBoolean stopping =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
    Runnable onShutdown =
        () -> {
          stopping.set(true);
          try {
            recorded.await(
                LocalTrainingJob.STOP_GRACE.toSeconds() + 20,
                java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    io.classroomml.local.job.ChildProcesses.beforeShutdown(onShutdown);
    int launched = 0;
    int inFlight = 0;
    boolean exhausted = false;
    try {
      while (true) {
        while (!exhausted
            && !stopping.get()
            && inFlight < parallel
            && launched < maxJobs
            && !past(deadline)) {
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
          completion.submit(
              () -> runTrial(job, next.get(), metric, direction, stopper, running, deadline));
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
        summaries.add(summary);
        if (summary.objective() != null) {
          double score = direction.score(summary.objective());
          done.add(new Observation(summary.tuned(), score));
        }
        say(
            "  %-9s %s %s%s",
            summary.status(),
            summary.name(),
            summary.objective() == null ? "no objective" : metric + "=" + fmt(summary.objective()),
            summary.failureReason() == null ? "" : " (" + firstLine(summary.failureReason()) + ")");
        workspace.save(
            record(name, JobStatus.IN_PROGRESS, spec, options, summaries, created, start, null));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.forEach(j -> j.stop(JobStatus.STOPPED.apiName()));
    } finally {
      pool.shutdown();
    }
    try {
      boolean anyObjective = summaries.stream().anyMatch(s -> s.objective() != null);
      JobStatus status =
          Thread.currentThread().isInterrupted() || stopping.get()
              ? JobStatus.STOPPED
              : anyObjective ? JobStatus.COMPLETED : JobStatus.FAILED;
      record = record(name, status, spec, options, summaries, created, start, Instant.now());
      workspace.save(record);
      Leaderboard.write(workspace.tuningJob(name), record, spec.objective(), workspace);
      return record;
    } finally {
      recorded.countDown();
      io.classroomml.local.job.ChildProcesses.removeBeforeShutdown(onShutdown);
    }
  }

  private TuningJobRecord.TrialSummary runTrial(
      LocalTrainingJob job,
      Map<String, String> tuned,
      String metric,
      ObjectiveType direction,
      TrialStopper stopper,
      Set<LocalTrainingJob> running,
      OptionalLong deadline) {
    String[] stopReason = new String[1];
    running.add(job);
    TrainingJobRecord result;
    try {
      result = runJob(job, metric, direction, stopper, deadline, stopReason);
    } catch (RuntimeException e) {
      return new TuningJobRecord.TrialSummary(
          job.name(),
          JobStatus.FAILED.apiName(),
          tuned,
          null,
          "Failed",
          "local mode could not run the trial: " + e,
          0,
          List.of());
    } finally {
      running.remove(job);
    }
    Double objective =
        job.metrics().last(metric).isPresent() ? job.metrics().last(metric).getAsDouble() : null;
    String objectiveStatus =
        objective != null
            ? "Succeeded"
            : result.status().equals(JobStatus.FAILED.apiName()) ? "Failed" : "Pending";
    return new TuningJobRecord.TrialSummary(
        job.name(),
        result.status(),
        tuned,
        objective,
        objectiveStatus,
        result.failureReason() != null ? result.failureReason() : stopReason[0],
        result.trainingSeconds(),
        job.metrics().series().getOrDefault(metric, List.of()));
  }

  private TrainingJobRecord runJob(
      LocalTrainingJob job,
      String metric,
      ObjectiveType direction,
      TrialStopper stopper,
      OptionalLong deadline,
      String[] stopReason) {
    TrainingJobRecord result;
    {
      result =
          job.run(
              (j, values) -> {
                Double value = values.get(metric);
                if (value == null) {
                  return;
                }
                int epoch =
                    values.containsKey("epoch")
                        ? (int) Math.round(values.get("epoch"))
                        : j.metrics().series().get(metric).size();
                say("    %s epoch %d: %s=%s", j.name(), epoch, metric, fmt(value));
                Optional<String> stop = stopper.report(j.name(), epoch, direction.score(value));
                if (past(deadline)) {
                  stop = Optional.of("the tuning job reached MaxRuntimeInSeconds");
                }
                if (stop.isPresent() && stopReason[0] == null) {
                  stopReason[0] = stop.get();
                  say("    %s stopped: %s", j.name(), stop.get());
                  j.stop(JobStatus.STOPPED.apiName());
                }
              });
    }
    return result;
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

  private static TuningJobRecord record(
      String name,
      JobStatus status,
      TuningSpec spec,
      Options options,
      List<TuningJobRecord.TrialSummary> summaries,
      Instant created,
      long start,
      Instant end) {
    List<TuningJobRecord.TrialSummary> trials;
    synchronized (summaries) {
      trials = List.copyOf(summaries);
    }
    String best =
        Leaderboard.best(trials, spec.objective().type())
            .map(TuningJobRecord.TrialSummary::name)
            .orElse(null);
    Map<String, Integer> counters = new LinkedHashMap<>();
    for (JobStatus s :
        List.of(JobStatus.COMPLETED, JobStatus.IN_PROGRESS, JobStatus.FAILED, JobStatus.STOPPED)) {
      counters.put(
          s.apiName(), (int) trials.stream().filter(t -> t.status().equals(s.apiName())).count());
    }
    return new TuningJobRecord(
        name,
        status.apiName(),
        spec.toHyperParameterTuningJobConfig(),
        spec.staticHyperParameters(),
        options.overrides(),
        trials,
        best,
        counters,
        created.toString(),
        end == null ? null : end.toString(),
        (System.nanoTime() - start) / 1e9);
  }

  private static boolean past(OptionalLong deadline) {
    return deadline.isPresent() && System.nanoTime() > deadline.getAsLong();
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
