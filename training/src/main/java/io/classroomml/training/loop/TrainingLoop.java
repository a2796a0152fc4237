package io.classroomml.training.loop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import io.classroomml.contract.Metric;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.ModelManifest;
import io.classroomml.datasets.ImageSet;
import io.classroomml.models.InputNormalizer;
import io.classroomml.models.SavedModel;
import io.classroomml.reports.EpochStats;
import io.classroomml.reports.Profile;
import io.classroomml.training.ClientError;
import io.classroomml.training.StopSignal;
import io.classroomml.training.TrainingResult;
import io.classroomml.training.TrainingResult.Status;
import io.classroomml.training.config.TrainingConfig;
import io.classroomml.training.config.TrainingEnvironment;
import io.classroomml.training.data.Augmentation;
import io.classroomml.training.data.BatchSource;
import io.classroomml.training.data.HostBatch;
import io.classroomml.training.data.TrainingData;
import io.classroomml.training.optim.AdamOptimizer;
import io.classroomml.training.optim.LabelSmoothingLoss;
import io.classroomml.training.optim.LearningRateSchedule;
import io.classroomml.training.optim.MomentumSgd;
import io.classroomml.training.optim.ScheduledOptimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One training job from data to saved model: builds the network, resumes from the latest checkpoint
 * if there is one, runs the epochs (printing one metric line each), checkpoints every epoch and on
 * SIGTERM, applies the debugger rules, and writes the model with its manifest.
 */
public final class TrainingLoop {

  /** airbench trains the whitening bias for the first epochs only. */
  private static final int WHITENING_BIAS_EPOCHS = 3;

  private final TrainingEnvironment env;
  private final TrainingConfig config;
  private final TrainingData data;
  private final StopSignal stop;
  private final PrintStream log;
  private final Progress progress;

  private TrainingLoop(
      TrainingEnvironment env, TrainingData data, StopSignal stop, PrintStream log) {
    this.env = env;
    this.config = env.config();
    this.data = data;
    this.stop = stop;
    this.log = log;
    this.progress = new Progress(System.console() != null ? System.err : null);
  }

  /** Runs the job in {@code env}. */
  public static RunOutcome run(TrainingEnvironment env, StopSignal stop, PrintStream log)
      throws IOException {
    TrainingData data = TrainingData.load(env);
    return new TrainingLoop(env, data, stop, log).run();
  }

  /** The result plus what the report needs. */
  public record RunOutcome(
      TrainingResult result, TrainingData data, int[][] confusion, Profile profile) {}

  private RunOutcome run() throws IOException {
    long started = System.nanoTime();
    double cpuStart = ResourceUsage.processCpuSeconds();
    ImageSet train = data.train();
    int classes = train.classNames().size();
    Device[] devices = Engine.getInstance().getDevices();
    Engine.getInstance().setRandomSeed((int) config.seed());
    data.warnings().forEach(w -> log.println("warning: " + w));
    log.printf(
        "data: %d training images %s, %d classes; evaluation: %s%n",
        train.size(),
        train.geometry(),
        classes,
        data.evaluation()
            .map(e -> e.size() + " images from " + data.evaluationSource())
            .orElse("none"));
    log.printf(
        "model: %s on %s; %s, lr %g, batch %d, %d epochs%n",
        config.model().id(),
        java.util.Arrays.toString(devices),
        config.optimizer(),
        config.learningRate(),
        config.batchSize(),
        config.epochs());

    int steps =
        BatchSource.stepsPerEpoch(train.size(), config.batchSize(), config.maxStepsPerEpoch());
    long totalSteps = (long) steps * config.epochs();
    LearningRateSchedule schedule =
        new LearningRateSchedule(
            config.learningRate(),
            config.schedule(),
            Math.round(config.warmupEpochs() * steps),
            totalSteps);
    ScheduledOptimizer optimizer = optimizer(schedule);
    LabelSmoothingLoss loss = new LabelSmoothingLoss((float) config.labelSmoothing());
    LabelSmoothingLoss evalLoss = new LabelSmoothingLoss(0f);
    InputNormalizer normalizer =
        new InputNormalizer(
            train.channels(), train.height(), train.width(), data.mean(), data.std());

    Block block = config.model().build(train.channels(), classes, (float) config.dropout());
    try (Model model = Model.newInstance(config.model().id(), devices[0])) {
      model.setBlock(block);
      DefaultTrainingConfig trainingConfig = TrainStep.config(loss, optimizer, devices);
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(new Shape(1, train.channels(), train.height(), train.width()));
        Map<String, Parameter> parameters = Parameters.byName(block);
        parameters.forEach((name, p) -> optimizer.nameParameter(p.getId(), name));

        Checkpoints checkpoints = new Checkpoints(env.paths().checkpoints());
        Optional<Checkpoints.Saved> saved = checkpoints.latest();
        Checkpoints.State state;
        if (saved.isPresent()) {
          state = resume(saved.get(), block, optimizer, trainer.getManager());
        } else {
          state = new Checkpoints.State(0, 0, 0, List.of(), -1, 0, fingerprint(train));
          initialise(block, trainer.getManager());
        }
        WeightAverage average =
            config.weightAveraging() && devices.length == 1
                ? new WeightAverage(Parameters.arrays(block))
                : null;
        if (average != null && saved.isPresent()) {
          Checkpoints.averageState(saved.get(), trainer.getManager()).ifPresent(average::restore);
        }

        List<EpochStats> epochs = new ArrayList<>(state.epochs());
        double best = state.bestAccuracy();
        int sinceBest = state.epochsWithoutImprovement();
        long globalStep = state.globalStep();
        double dataWaitTotal = 0;
        double computeTotal = 0;
        double evalTotal = 0;
        double checkpointTotal = 0;
        int[][] confusion = null;
        Status status = Status.COMPLETED;
        String reason = "";

        try (BatchSource source =
            new BatchSource(
                train,
                config.batchSize(),
                new Augmentation(config.augmentCrop(), config.cropPadding(), config.augmentFlip()),
                config.seed(),
                state.nextEpoch(),
                state.nextStep(),
                config.epochs(),
                config.maxStepsPerEpoch())) {
          epochLoop:
          for (int epoch = state.nextEpoch(); epoch < config.epochs(); epoch++) {
            if (config.model().hasWhiteningLayer() && epoch == WHITENING_BIAS_EPOCHS) {
              whiteningBias(block).ifPresent(p -> p.freeze(true));
            }
            long epochStart = System.nanoTime();
            double dataWait = 0;
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            int firstStep = epoch == state.nextEpoch() ? state.nextStep() : 0;
            for (int step = firstStep; step < steps; step++) {
              if (stop.requested()) {
                long t = System.nanoTime();
                checkpoints.save(
                    new Checkpoints.State(
                        epoch, step, globalStep, epochs, best, sinceBest, fingerprint(train)),
                    model,
                    optimizer.exportState(),
                    Optional.ofNullable(average).map(WeightAverage::export));
                checkpointTotal += seconds(t);
                status = Status.INTERRUPTED;
                reason =
                    "SIGTERM at epoch " + (epoch + 1) + ", step " + step + "; checkpoint saved";
                log.println("stop requested: " + reason);
                break epochLoop;
              }
              long waitStart = System.nanoTime();
              HostBatch batch;
              try {
                batch = source.next();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for data", e);
              }
              dataWait += seconds(waitStart);
              optimizer.setStep(globalStep);
              float[] stepResult =
                  TrainStep.run(trainer, normalizer, batch.pixels(), batch.labels(), batch.count());
              source.release(batch);
              if (config.debuggerRules() && !Float.isFinite(stepResult[0])) {
                // No point finishing the epoch: every later step is NaN too.
                DebuggerVerdicts.Verdict v =
                    DebuggerVerdicts.lossNotFinite(
                        epoch + 1, step, stepResult[0], optimizer.learningRate());
                throw new RuleViolation(v.rule(), v.reason());
              }
              lossSum += stepResult[0] * batch.count();
              correct += (long) stepResult[1];
              seen += batch.count();
              if (average != null) {
                average.afterStep(globalStep, totalSteps);
              }
              globalStep++;
              progress.step(epoch + 1, config.epochs(), step + 1, steps, lossSum / seen);
            }
            progress.done();
            double epochSeconds = seconds(epochStart);
            double lr = optimizer.learningRate();
            if (average != null && epoch == config.epochs() - 1) {
              average.apply();
            }
            long evalStart = System.nanoTime();
            Evaluation.Result eval =
                data.evaluation()
                    .map(e -> Evaluation.run(trainer, e, normalizer, evalLoss, config.tta()))
                    .orElse(null);
            evalTotal += seconds(evalStart);
            if (eval != null) {
              confusion = eval.confusion();
            }
            dataWaitTotal += dataWait;
            computeTotal += epochSeconds - dataWait;
            EpochStats stats =
                new EpochStats(
                    epoch + 1,
                    seen == 0 ? Double.NaN : lossSum / seen,
                    seen == 0 ? Double.NaN : correct / (double) seen,
                    eval == null ? Double.NaN : eval.loss(),
                    eval == null ? Double.NaN : eval.accuracy(),
                    epochSeconds,
                    seen / epochSeconds,
                    dataWait,
                    epochSeconds - dataWait,
                    lr);
            epochs.add(stats);
            log.println(metricLine(stats));
            log.printf(
                "epoch %d: resident memory %d MB%n",
                epoch + 1, ResourceUsage.residentBytes() >> 20);

            if (eval != null) {
              if (eval.accuracy() > best) {
                best = eval.accuracy();
                sinceBest = 0;
              } else {
                sinceBest++;
              }
            }
            Optional<DebuggerVerdicts.Verdict> verdict =
                config.debuggerRules() ? DebuggerVerdicts.check(epochs, lr) : Optional.empty();
            if (verdict.isPresent() && verdict.get().fatal()) {
              throw new RuleViolation(verdict.get().rule(), verdict.get().reason());
            }
            long t = System.nanoTime();
            checkpoints.save(
                new Checkpoints.State(
                    epoch + 1, 0, globalStep, epochs, best, sinceBest, fingerprint(train)),
                model,
                optimizer.exportState(),
                Optional.ofNullable(average).map(WeightAverage::export));
            checkpointTotal += seconds(t);
            if (verdict.isPresent()) {
              status = Status.STOPPED_EARLY;
              reason = verdict.get().rule() + ": " + verdict.get().reason();
              log.println("debugger rule " + reason);
              break;
            }
            if (config.earlyStoppingPatience() > 0 && sinceBest >= config.earlyStoppingPatience()) {
              status = Status.STOPPED_EARLY;
              reason =
                  "early stopping: no better validation accuracy than "
                      + best
                      + " for "
                      + sinceBest
                      + " epochs";
              log.println(reason);
              break;
            }
          }
        }
        if (average != null && status != Status.COMPLETED) {
          average.apply();
        }
        if (average != null) {
          average.close();
        }
        Map<String, Double> finalMetrics = finalMetrics(epochs);
        ModelManifest manifest = manifest(train, finalMetrics);
        SavedModel.save(model, manifest, env.paths().model());
        double total = seconds(started);
        double cpu = ResourceUsage.processCpuSeconds() - cpuStart;
        Profile profile =
            new Profile(
                java.util.Arrays.toString(devices),
                Runtime.getRuntime().availableProcessors(),
                total,
                dataWaitTotal,
                computeTotal,
                evalTotal,
                checkpointTotal,
                epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).imagesPerSecond(),
                cpu / (total * Runtime.getRuntime().availableProcessors()),
                Double.NaN,
                ResourceUsage.heapUsedBytes(),
                ResourceUsage.residentBytes());
        TrainingResult result =
            new TrainingResult(
                status, reason, List.copyOf(epochs), finalMetrics, env.paths().model());
        return new RunOutcome(result, data, confusion, profile);
      }
    }
  }

  private ScheduledOptimizer optimizer(LearningRateSchedule schedule) {
    float momentum = (float) config.momentum();
    float wd = (float) config.weightDecay();
    return switch (config.optimizer()) {
      case "sgd" -> new MomentumSgd(schedule, momentum, false, wd);
      case "nesterov" -> new MomentumSgd(schedule, momentum, true, wd);
      case "adam" -> new AdamOptimizer(schedule, momentum, false, wd);
      case "adamw" -> new AdamOptimizer(schedule, momentum, true, wd);
      default -> throw new IllegalStateException(config.optimizer());
    };
  }

  /** Whitening init or pretrained weights for a job that is not resuming. */
  private void initialise(Block block, NDManager manager) throws IOException {
    Optional<java.nio.file.Path> pretrained = env.pretrainedChannel();
    if (pretrained.isPresent()) {
      PretrainedWeights.apply(pretrained.get(), block, config, log);
      return;
    }
    if (config.model().hasWhiteningLayer()) {
      Parameter weight =
          firstConvolutionWeight(block)
              .orElseThrow(() -> new IllegalStateException("no whitening layer"));
      float[] filters = Whitening.filters(data.train(), data.mean(), data.std());
      weight.getArray().set(filters);
      weight.freeze(true);
      log.println("whitening layer initialised from the training data and frozen");
    }
  }

  private Checkpoints.State resume(
      Checkpoints.Saved saved, Block block, ScheduledOptimizer optimizer, NDManager manager)
      throws IOException {
    Checkpoints.State state = saved.state();
    if (!state.fingerprint().equals(fingerprint(data.train()))) {
      throw new ClientError(
          "The checkpoint in "
              + saved.dir()
              + " was written for '"
              + state.fingerprint()
              + "' but this job trains '"
              + fingerprint(data.train())
              + "'; use the same model and data, or clear the checkpoint location"
              + " (CheckpointConfig.S3Uri)");
    }
    Block template =
        config.model().build(data.train().channels(), data.train().classNames().size(), 0f);
    Checkpoints.loadWeights(saved, template, block);
    try (NDList optimizerState = Checkpoints.optimizerState(saved, manager)) {
      Map<String, NDArray> arrays = new LinkedHashMap<>(Parameters.arrays(block));
      optimizer.importState(optimizerState, arrays);
    }
    if (config.model().hasWhiteningLayer()) {
      firstConvolutionWeight(block).ifPresent(p -> p.freeze(true));
    }
    log.printf(
        "resuming from checkpoint %s: epoch %d, step %d%n",
        saved.dir().getFileName(), state.nextEpoch() + 1, state.nextStep());
    return state;
  }

  private static Optional<Parameter> firstConvolutionWeight(Block block) {
    return Parameters.byName(block).entrySet().stream()
        .filter(e -> e.getKey().endsWith("weight"))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static Optional<Parameter> whiteningBias(Block block) {
    return Parameters.byName(block).entrySet().stream()
        .filter(e -> e.getKey().endsWith("bias"))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private String fingerprint(ImageSet train) {
    return config.model().id() + " " + train.geometry() + " " + train.classNames();
  }

  private Map<String, Double> finalMetrics(List<EpochStats> epochs) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (epochs.isEmpty()) {
      return out;
    }
    EpochStats last = epochs.get(epochs.size() - 1);
    for (Metric m :
        List.of(
            Metric.TRAIN_LOSS,
            Metric.TRAIN_ACCURACY,
            Metric.VALIDATION_LOSS,
            Metric.VALIDATION_ACCURACY,
            Metric.IMAGES_PER_SECOND)) {
      double v = last.value(m);
      if (Double.isFinite(v)) {
        out.put(m.metricName(), v);
      }
    }
    return out;
  }

  private ModelManifest manifest(ImageSet train, Map<String, Double> finalMetrics) {
    return new ModelManifest(
        ModelManifest.FORMAT_VERSION,
        config.model().id(),
        SavedModel.WEIGHTS_FILE,
        train.channels(),
        train.height(),
        train.width(),
        data.mean(),
        data.std(),
        train.classNames(),
        env.hyperparameters().values(),
        finalMetrics,
        "PyTorch " + Engine.getEngine("PyTorch").getVersion());
  }

  /** The metric line of one epoch, in the contract's format. */
  static String metricLine(EpochStats stats) {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      double v = stats.value(m);
      if (!Double.isNaN(v) || m == Metric.TRAIN_LOSS) {
        values.put(m, v);
      }
    }
    return MetricDefinitions.format(values);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
