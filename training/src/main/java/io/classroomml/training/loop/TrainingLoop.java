package io.classroomml.training.loop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import io.classroomml.contract.Metric;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.ModelManifest;
import io.classroomml.datasets.ImageSet;
import io.classroomml.models.InputNormalizer;
import io.classroomml.models.SavedModel;
import io.classroomml.reports.EpochStats;
import io.classroomml.reports.Profile;
import io.classroomml.reports.StepStats;
import io.classroomml.training.StopSignal;
import io.classroomml.training.TrainingResult;
import io.classroomml.training.TrainingResult.Status;
import io.classroomml.training.config.TrainingConfig;
import io.classroomml.training.config.TrainingEnvironment;
import io.classroomml.training.data.Augmentation;
import io.classroomml.training.data.BatchSource;
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
 * One training job from data to saved model: builds the network and its optimiser, starts from the
 * latest checkpoint or from scratch ({@link StartingPoint}), runs the {@link EpochLoop} with its
 * {@link TrainingListener}s (weight averaging, evaluation, metrics, debugger rules, early stopping,
 * checkpoints, progress), and writes the model with its manifest and the run's profile.
 */
public final class TrainingLoop {

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

  /** The result plus what the report needs, with the training curve within epochs. */
  public record RunOutcome(
      TrainingResult result,
      TrainingData data,
      int[][] confusion,
      Profile profile,
      List<StepStats> steps) {}

  private RunOutcome run() throws IOException {
    long started = System.nanoTime();
    double cpuStart = ResourceUsage.processCpuSeconds();
    ImageSet train = data.train();
    Device[] devices = Engine.getInstance().getDevices();
    Engine.getInstance().setRandomSeed((int) config.seed());
    describe(train, devices);

    int steps =
        BatchSource.stepsPerEpoch(train.size(), config.batchSize(), config.maxStepsPerEpoch());
    long totalSteps = (long) steps * config.epochs();
    ScheduledOptimizer optimizer =
        optimizer(
            new LearningRateSchedule(
                config.learningRate(),
                config.schedule(),
                Math.round(config.warmupEpochs() * steps),
                totalSteps));
    LabelSmoothingLoss loss = new LabelSmoothingLoss((float) config.labelSmoothing());
    InputNormalizer normalizer =
        new InputNormalizer(
            train.channels(), train.height(), train.width(), data.mean(), data.std());

    Block block =
        config
            .model()
            .buildForTraining(
                train.channels(), train.classNames().size(), (float) config.dropout());
    try (Model model = Model.newInstance(config.model().id(), devices[0])) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(TrainStep.config(loss, optimizer, devices))) {
        trainer.initialize(new Shape(1, train.channels(), train.height(), train.width()));
        Parameters.byName(block).forEach((name, p) -> optimizer.nameParameter(p.getId(), name));

        StartingPoint start = new StartingPoint(env, data, log);
        Checkpoints checkpoints = new Checkpoints(env.paths().checkpoints());
        Optional<Checkpoints.Saved> saved = checkpoints.latest();
        Checkpoints.State state =
            saved.isPresent()
                ? start.resume(saved.get(), block, optimizer, trainer.getManager())
                : start.fresh(block);
        Optional<WeightAverage> average =
            config.weightAveraging() && devices.length == 1
                ? Optional.of(new WeightAverage(Parameters.arrays(block)))
                : Optional.empty();
        if (average.isPresent() && saved.isPresent()) {
          Checkpoints.averageState(saved.get(), trainer.getManager())
              .ifPresent(average.get()::restore);
        }

        History history = new History(state);
        EvaluationListener evaluation =
            new EvaluationListener(trainer, data.evaluation(), normalizer, config.tta());
        CheckpointListener checkpointing =
            new CheckpointListener(checkpoints, model, optimizer, average, history);
        List<TrainingListener> listeners =
            listeners(block, optimizer, average, totalSteps, history, evaluation, checkpointing);
        EpochLoop.Outcome outcome;
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
          outcome =
              new EpochLoop(trainer, normalizer, optimizer, history, listeners, stop, log)
                  .run(source, state.nextEpoch(), state.nextStep(), config.epochs(), steps);
        }
        boolean completed = outcome.status() == Status.COMPLETED;
        listeners.forEach(l -> l.onTrainingEnd(completed));

        List<EpochStats> epochs = List.copyOf(history.epochs());
        Map<String, Double> finalMetrics = finalMetrics(epochs);
        SavedModel.save(model, manifest(train, finalMetrics), env.paths().model());
        Profile profile =
            profile(started, cpuStart, devices, epochs, outcome, evaluation, checkpointing);
        TrainingResult result =
            new TrainingResult(
                outcome.status(), outcome.reason(), epochs, finalMetrics, env.paths().model());
        return new RunOutcome(
            result, data, evaluation.confusion(), profile, List.copyOf(history.steps()));
      }
    }
  }

  /**
   * The listeners, in the order they hear each event: the whitening bias freezes before its epoch;
   * averaged weights are in place before the last evaluation; the evaluation comes before the
   * metrics that print it; the debugger rules read those metrics and, when they stop the run, come
   * before early stopping so theirs is the reason given; the checkpoint saves what all of them
   * recorded; the progress bar comes last.
   */
  private List<TrainingListener> listeners(
      Block block,
      ScheduledOptimizer optimizer,
      Optional<WeightAverage> average,
      long totalSteps,
      History history,
      EvaluationListener evaluation,
      CheckpointListener checkpointing) {
    List<TrainingListener> listeners = new ArrayList<>();
    if (config.model().hasWhiteningLayer()) {
      StartingPoint.whiteningBias(block).map(WhiteningBiasListener::new).ifPresent(listeners::add);
    }
    average.ifPresent(
        a -> listeners.add(new WeightAveragingListener(a, totalSteps, config.epochs())));
    listeners.add(evaluation);
    listeners.add(new MetricsListener(history, log));
    listeners.add(new StepCurveListener(history, totalSteps));
    if (config.debuggerRules()) {
      listeners.add(new DebuggerRulesListener(optimizer, history));
    }
    listeners.add(new EarlyStoppingListener(history, config.earlyStoppingPatience()));
    listeners.add(checkpointing);
    listeners.add(new ProgressListener(progress, config.epochs()));
    return listeners;
  }

  private void describe(ImageSet train, Device[] devices) {
    data.warnings().forEach(w -> log.println("warning: " + w));
    log.printf(
        "data: %d training images %s, %d classes; evaluation: %s%n",
        train.size(),
        train.geometry(),
        train.classNames().size(),
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
  }

  private static Profile profile(
      long started,
      double cpuStart,
      Device[] devices,
      List<EpochStats> epochs,
      EpochLoop.Outcome outcome,
      EvaluationListener evaluation,
      CheckpointListener checkpointing) {
    double total = seconds(started);
    double cpu = ResourceUsage.processCpuSeconds() - cpuStart;
    return new Profile(
        java.util.Arrays.toString(devices),
        Runtime.getRuntime().availableProcessors(),
        total,
        outcome.dataWaitSeconds(),
        outcome.computeSeconds(),
        evaluation.seconds(),
        checkpointing.seconds(),
        epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).imagesPerSecond(),
        cpu / (total * Runtime.getRuntime().availableProcessors()),
        Double.NaN,
        ResourceUsage.heapUsedBytes(),
        ResourceUsage.residentBytes());
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
