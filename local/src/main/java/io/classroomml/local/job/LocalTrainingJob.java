package io.classroomml.local.job;

import io.classroomml.contract.SageMakerPaths;
import io.classroomml.local.Installation;
import io.classroomml.local.LocalException;
import io.classroomml.local.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One local training job: the real {@code train} entrypoint in its own JVM, with its own {@code
 * SAGEMAKER_BASE_DIR} laid out as SageMaker lays out {@code /opt/ml}. The log is scraped with the
 * shared metric definitions while the job runs; at the end its {@link JobOutcome} (status and
 * artifacts) is decided and {@code job.json} is written to the workspace.
 *
 * <p>A job that was stopped or failed can be {@linkplain #resume resumed}: the same {@code /opt/ml}
 * is reused, so the trainer continues from its latest checkpoint.
 */
public final class LocalTrainingJob {

  /** Called with the metrics of every metric line, as the job prints them. */
  public interface MetricListener {
    /** {@code values} maps SageMaker metric names to the values on one log line. */
    void onMetrics(LocalTrainingJob job, Map<String, Double> values);
  }

  /** SageMaker's grace between SIGTERM and SIGKILL. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(120);

  private final Installation installation;
  private final Workspace workspace;
  private final TrainingJobRequest request;
  private final PrintStream console;
  private final MetricScraper scraper = new MetricScraper();
  private final int previousRuns;
  private final double previousSeconds;
  private final String creationTime;
  private final CountDownLatch recorded = new CountDownLatch(1);
  private volatile Process process;
  private volatile String stopStatus;

  private LocalTrainingJob(
      Installation installation,
      Workspace workspace,
      TrainingJobRequest request,
      PrintStream console,
      Optional<TrainingJobRecord> earlier) {
    this.installation = installation;
    this.workspace = workspace;
    this.request = request;
    this.console = console;
    this.previousRuns = earlier.map(TrainingJobRecord::runs).orElse(0);
    this.previousSeconds = earlier.map(TrainingJobRecord::trainingSeconds).orElse(0.0);
    this.creationTime =
        earlier.map(TrainingJobRecord::creationTime).orElse(Instant.now().toString());
    earlier.ifPresent(r -> scraper.seed(r.metricHistory()));
  }

  /**
   * A new job; fails if the name is taken (SageMaker's names are unique too).
   *
   * @param console where the job's log lines are echoed with a {@code [name]} prefix, or null
   */
  public static LocalTrainingJob create(
      Installation installation,
      Workspace workspace,
      TrainingJobRequest request,
      PrintStream console) {
    if (Files.exists(workspace.trainingJob(request.name()))) {
      throw new LocalException(
          "a training job named "
              + request.name()
              + " already exists in "
              + workspace.root()
              + "; choose another --name, or resume it with: scripts/local resume "
              + request.name());
    }
    return new LocalTrainingJob(installation, workspace, request, console, Optional.empty());
  }

  /** The stopped or failed job {@code name}, to run again from its latest checkpoint. */
  public static LocalTrainingJob resume(
      Installation installation,
      Workspace workspace,
      String name,
      int threads,
      PrintStream console) {
    TrainingJobRecord earlier =
        workspace
            .training(name)
            .orElseThrow(
                () ->
                    new LocalException(
                        "no training job named " + name + "; see: scripts/local list"));
    if (earlier.status().equals(TrainingJobRecord.COMPLETED)) {
      throw new LocalException(
          "training job " + name + " has completed; there is nothing to resume");
    }
    Map<String, Path> channels = new LinkedHashMap<>();
    earlier.channels().forEach((k, v) -> channels.put(k, Path.of(v)));
    TrainingJobRequest request =
        new TrainingJobRequest(
            name,
            earlier.hyperParameters(),
            channels,
            OptionalLong.empty(),
            threads,
            earlier.tuningJobName());
    return new LocalTrainingJob(installation, workspace, request, console, Optional.of(earlier));
  }

  /** The job's name. */
  public String name() {
    return request.name();
  }

  /** The job's request. */
  public TrainingJobRequest request() {
    return request;
  }

  /** The job's {@code /opt/ml}. */
  public SageMakerPaths paths() {
    return new SageMakerPaths(workspace.trainingJob(request.name()).resolve("opt-ml"));
  }

  /** The metrics scraped so far. */
  public MetricScraper metrics() {
    return scraper;
  }

  /**
   * Asks the job to stop (SIGTERM: the trainer saves a checkpoint and exits); {@code
   * secondaryStatus} is recorded, e.g. {@code Stopped} or {@code MaxRuntimeExceeded}.
   */
  public void stop(String secondaryStatus) {
    if (stopStatus == null) {
      stopStatus = secondaryStatus;
    }
    Process p = process;
    if (p != null && p.isAlive()) {
      // ProcessHandle.destroy sends SIGTERM without closing our end of the pipes
      // (Process.destroy closes them, and the rest of the log would be lost).
      p.toHandle().destroy();
    }
  }

  /** Runs the job to its end and returns its record (also saved in the workspace). */
  public TrainingJobRecord run(MetricListener listener) {
    Path jobDir = workspace.trainingJob(request.name());
    SageMakerPaths paths = paths();
    Path log = jobDir.resolve("log.txt");
    long start = System.nanoTime();
    Runnable onShutdown =
        () -> {
          // Ctrl-C: SIGTERM to the trainer (it saves a checkpoint), then wait for job.json.
          stop("Stopped");
          try {
            recorded.await(STOP_GRACE.toSeconds() + 10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r));
    int exit;
    try {
      if (previousRuns == 0) {
        JobLayout.write(paths, request);
      }
      Files.deleteIfExists(paths.failure());
      Files.deleteIfExists(paths.success());
      workspace.save(record(JobOutcome.running(), start));
      ProcessBuilder pb = TrainerCommand.of(installation, paths, request);
      ChildProcesses.beforeShutdown(onShutdown);
      process = ChildProcesses.start(pb);
      if (stopStatus != null) {
        process.toHandle().destroy();
      }
      request
          .maxRuntimeSeconds()
          .ifPresent(s -> timer.schedule(() -> stop("MaxRuntimeExceeded"), s, TimeUnit.SECONDS));
      pump(process, log, listener);
      exit = process.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start training job " + request.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ChildProcesses.stop(process, STOP_GRACE);
      exit = -1;
    } finally {
      timer.shutdownNow();
    }
    try {
      TrainingJobRecord record = record(JobOutcome.ended(paths, jobDir, exit, stopStatus), start);
      workspace.save(record);
      if (console != null && record.status().equals(TrainingJobRecord.STOPPED)) {
        console.println(
            "training job "
                + request.name()
                + " stopped; its checkpoint is kept: scripts/local resume "
                + request.name());
      }
      return record;
    } finally {
      recorded.countDown();
      ChildProcesses.removeBeforeShutdown(onShutdown);
    }
  }

  private void pump(Process p, Path log, MetricListener listener) throws IOException {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      String line;
      while ((line = readLine(in)) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (console != null && !line.contains("WARN ai.djl") && !line.contains("INFO ai.djl")) {
          console.println("[" + request.name() + "] " + line);
        }
        Map<String, Double> values = scraper.accept(line);
        if (!values.isEmpty() && listener != null) {
          listener.onMetrics(this, values);
        }
      }
    }
  }

  /** The next line, or null at the end; a pipe closed under us counts as the end. */
  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  /** The job's record: the one place it is built, while running and at the end. */
  private TrainingJobRecord record(JobOutcome outcome, long start) {
    Map<String, String> channels = new LinkedHashMap<>();
    request.channels().forEach((k, v) -> channels.put(k, v.toAbsolutePath().toString()));
    Path jobDir = workspace.trainingJob(request.name());
    return new TrainingJobRecord(
        request.name(),
        outcome.status(),
        outcome.secondaryStatus(),
        outcome.failureReason(),
        request.hyperparameters(),
        channels,
        scraper.finalValues(),
        scraper.series(),
        outcome.modelArtifacts(),
        outcome.outputArtifacts(),
        paths().base().toString(),
        jobDir.resolve("log.txt").toString(),
        creationTime,
        outcome.endTime(),
        previousSeconds + (System.nanoTime() - start) / 1e9,
        outcome.exitCode(),
        previousRuns + 1,
        request.tuningJobName());
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "max-runtime");
    t.setDaemon(true);
    return t;
  }
}
