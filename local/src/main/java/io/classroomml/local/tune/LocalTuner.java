package io.classroomml.local.tune;

import io.classroomml.contract.MetricDefinitions;
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
import java.util.regex.Pattern;

/**
 * A local {@code CreateHyperParameterTuningJob}: trials are local training jobs (the real {@code
 * train} entrypoint, one JVM each), at most {@code MaxParallelTrainingJobs} at once with the cores
 * shared between them, chosen by the spec's strategy, stopped early by its early-stopping type (or
 * by Hyperband), and ranked by the objective's last emitted value, as SageMaker reads it.
 */
public final class LocalTuner {

  /** SageMaker's tuning job name rule: 1-32 characters. */
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}");

  /** The hyperparameter SageMaker adds to every trial. */
  static final String OBJECTIVE_HYPERPARAMETER = "_tuning_objective_metric";

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
    if (!NAME.matcher(name).matches()) {
      throw new LocalException(
          "tuning job name '"
              + name
              + "' is not valid: 1-32 letters, digits and inner hyphens (SageMaker's rule)");
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
    boolean maximize = spec.objective().type() == ObjectiveType.MAXIMIZE;
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
        record(name, "InProgress", spec, options, summaries, maximize, created, start, null);
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
              () -> runTrial(job, next.get(), metric, maximize, stopper, running, deadline));
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
          double score = maximize ? summary.objective() : -summary.objective();
          done.add(new Observation(summary.tuned(), score));
        }
        say(
            "  %-9s %s %s%s",
            summary.status(),
            summary.name(),
            summary.objective() == null ? "no objective" : metric + "=" + fmt(summary.objective()),
            summary.failureReason() == null ? "" : " (" + firstLine(summary.failureReason()) + ")");
        workspace.save(
            record(name, "InProgress", spec, options, summaries, maximize, created, start, null));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.forEach(j -> j.stop("Stopped"));
    } finally {
      pool.shutdown();
    }
    try {
      boolean anyObjective = summaries.stream().anyMatch(s -> s.objective() != null);
      String status =
          Thread.currentThread().isInterrupted() || stopping.get()
              ? "Stopped"
              : anyObjective ? "Completed" : "Failed";
      record =
          record(name, status, spec, options, summaries, maximize, created, start, Instant.now());
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
      boolean maximize,
      TrialStopper stopper,
      Set<LocalTrainingJob> running,
      OptionalLong deadline) {
    String[] stopReason = new String[1];
    running.add(job);
    TrainingJobRecord result;
    try {
      result = runJob(job, metric, maximize, stopper, deadline, stopReason);
    } catch (RuntimeException e) {
      return new TuningJobRecord.TrialSummary(
          job.name(),
          "Failed",
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
        objective != null ? "Succeeded" : result.status().equals("Failed") ? "Failed" : "Pending";
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
      boolean maximize,
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
                Optional<String> stop = stopper.report(j.name(), epoch, maximize ? value : -value);
                if (past(deadline)) {
                  stop = Optional.of("the tuning job reached MaxRuntimeInSeconds");
                }
                if (stop.isPresent() && stopReason[0] == null) {
                  stopReason[0] = stop.get();
                  say("    %s stopped: %s", j.name(), stop.get());
                  j.stop("Stopped");
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
      spec.hyperband().maxResource().ifPresent(m -> hp.put("epochs", Integer.toString(m)));
    }
    hp.put(OBJECTIVE_HYPERPARAMETER, spec.objective().metricName());
    if (options.imagesPerEpoch().isPresent() && !hp.containsKey("max_steps_per_epoch")) {
      int batch = Integer.parseInt(hp.getOrDefault("batch_size", "128"));
      int steps = (options.imagesPerEpoch().getAsInt() + batch - 1) / batch;
      hp.put("max_steps_per_epoch", Integer.toString(Math.max(1, steps)));
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
    try {
      return Integer.parseInt(spec.staticHyperParameters().getOrDefault("epochs", "10"));
    } catch (NumberFormatException e) {
      return 10;
    }
  }

  /** SageMaker's trial names: {@code <tuning job>-<NNN>-<8 hex>}. */
  static String trialName(String tuningJob, int index, Map<String, String> tuned) {
    String hash = HexFormat.of().toHexDigits(tuned.toString().hashCode());
    return String.format(Locale.ROOT, "%s-%03d-%s", tuningJob, index, hash);
  }

  private static TuningJobRecord record(
      String name,
      String status,
      TuningSpec spec,
      Options options,
      List<TuningJobRecord.TrialSummary> summaries,
      boolean maximize,
      Instant created,
      long start,
      Instant end) {
    List<TuningJobRecord.TrialSummary> trials;
    synchronized (summaries) {
      trials = List.copyOf(summaries);
    }
    String best =
        trials.stream()
            .filter(t -> t.objective() != null)
            .max(
                (a, b) ->
                    maximize
                        ? Double.compare(a.objective(), b.objective())
                        : Double.compare(b.objective(), a.objective()))
            .map(TuningJobRecord.TrialSummary::name)
            .orElse(null);
    Map<String, Integer> counters = new LinkedHashMap<>();
    for (String s : List.of("Completed", "InProgress", "Failed", "Stopped")) {
      counters.put(s, (int) trials.stream().filter(t -> t.status().equals(s)).count());
    }
    return new TuningJobRecord(
        name,
        status,
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
