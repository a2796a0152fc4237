package io.classroomml.reports;

import io.classroomml.contract.rules.DebuggerRules;
import io.classroomml.contract.rules.DebuggerRules.Stall;
import io.classroomml.contract.rules.DebuggerRules.Streak;
import io.classroomml.reports.Finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Rules over a finished (or stopped) run that say, with numbers, what went wrong or what to look at
 * — like the rules of SageMaker Debugger (loss not decreasing, overfitting) and Profiler (data
 * loader bottleneck, low CPU/GPU utilisation). Warnings first, then information. The loss and
 * overfitting rules are the contract's {@link DebuggerRules}, the ones the trainer stops on, so the
 * report explains exactly what the trainer did.
 */
public final class Findings {

  /** Title of the data-loading rule. */
  public static final String DATA_STARVATION = "Data loading is starving compute";

  /** Title of the low-CPU rule. */
  public static final String LOW_CPU = "Low CPU utilisation";

  /** Title of the GPU rule. */
  public static final String LOW_GPU = "GPU under-used";

  /** Title of the overfitting rule. */
  public static final String OVERFITTING = "Overfitting";

  /** Title of the rule for a loss that does not go down. */
  public static final String LOSS_NOT_DECREASING = "Loss not decreasing";

  /** Title of the rule for a NaN or infinite loss. */
  public static final String LOSS_NOT_FINITE = "Loss is not a number";

  /** Title of the weakest-classes information. */
  public static final String WORST_CLASSES = "Weakest classes";

  /** Title of the most-confused-pair information. */
  public static final String MOST_CONFUSED = "Most confused pair";

  /** Data wait above this share of step time (data wait + compute) starves compute. */
  static final double MAX_DATA_WAIT_FRACTION = 0.10;

  /** CPU training below this share of all cores leaves the machine idle. */
  static final double MIN_CPU_UTILIZATION = 0.50;

  /** GPU busy less than this share of the time is under-used (SageMaker's rule uses 70% too). */
  static final double MIN_GPU_UTILIZATION = 0.70;

  /** How many weakest classes to name. */
  static final int WORST_CLASS_COUNT = 3;

  private Findings() {}

  /** Every finding for {@code data}: warnings first, then information, each group in rule order. */
  public static List<Finding> of(TrainingReportData data) {
    List<Finding> findings = new ArrayList<>();
    List<EpochStats> epochs = data.epochs();
    notFiniteLoss(epochs).ifPresent(findings::add);
    lossNotDecreasing(epochs).ifPresent(findings::add);
    overfitting(epochs).ifPresent(findings::add);
    dataStarvation(data).ifPresent(findings::add);
    if (data.profile() != null) {
      lowGpu(data.profile()).ifPresent(findings::add);
      lowCpu(data.profile()).ifPresent(findings::add);
    }
    data.confusionMatrix()
        .ifPresent(
            matrix -> {
              worstClasses(matrix).ifPresent(findings::add);
              mostConfused(matrix).ifPresent(findings::add);
            });
    findings.sort(Comparator.comparing(f -> f.severity() == Severity.INFO));
    return List.copyOf(findings);
  }

  static Optional<Finding> notFiniteLoss(List<EpochStats> epochs) {
    for (EpochStats e : epochs) {
      if (DebuggerRules.lossNotFinite(e.trainLoss()) && measured(e)) {
        return Optional.of(
            warning(
                LOSS_NOT_FINITE,
                "The training loss became "
                    + (Double.isNaN(e.trainLoss()) ? "NaN" : Format.number(e.trainLoss()))
                    + " at epoch "
                    + e.epoch()
                    + ": the weights diverged. Lower the learning rate (e.g. by 10x), add warm-up"
                    + " or gradient clipping, and check the input normalisation."));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the loss was measured: a NaN train loss next to a known train accuracy means the loss
   * diverged, not that it was unmeasured; an infinite one was always measured.
   */
  private static boolean measured(EpochStats e) {
    return Double.isInfinite(e.trainLoss()) || !Double.isNaN(e.trainAccuracy());
  }

  static Optional<Finding> lossNotDecreasing(List<EpochStats> epochs) {
    double[] loss = epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
    Optional<Stall> stall = DebuggerRules.lossNotDecreasing(loss);
    if (stall.isPresent()) {
      return Optional.of(
          warning(
              LOSS_NOT_DECREASING,
              "The training loss did not decrease: "
                  + Format.number(stall.get().reference())
                  + " at epoch "
                  + epochs.get(0).epoch()
                  + ", never below "
                  + Format.number(stall.get().best())
                  + " in the "
                  + (loss.length - 1)
                  + " epochs after. The learning rate is likely too high or too low, or the"
                  + " labels do not match the images; try a learning rate 10x smaller and"
                  + " larger, and check a few labelled examples."));
    }
    return DebuggerRules.lossPlateau(loss)
        .map(
            plateau ->
                warning(
                    LOSS_NOT_DECREASING,
                    "The training loss stopped decreasing: its best was "
                        + Format.number(plateau.reference())
                        + " at epoch "
                        + epochs.get(plateau.referenceEpoch()).epoch()
                        + " and the last "
                        + DebuggerRules.PLATEAU_EPOCHS
                        + " epochs got no lower than "
                        + Format.number(plateau.best())
                        + ". Decay the learning rate (a step or cosine schedule) or stop"
                        + " earlier."));
  }

  static Optional<Finding> overfitting(List<EpochStats> epochs) {
    double[] trainLoss = epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
    double[] validationLoss = epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
    double[] trainAccuracy = epochs.stream().mapToDouble(EpochStats::trainAccuracy).toArray();
    double[] validationAccuracy =
        epochs.stream().mapToDouble(EpochStats::validationAccuracy).toArray();
    for (int i = 1; i < epochs.size(); i++) {
      EpochStats now = epochs.get(i);
      Optional<Streak> losses = DebuggerRules.overfitting(trainLoss, validationLoss, i);
      if (losses.isPresent()) {
        EpochStats start = epochs.get(losses.get().start());
        return Optional.of(
            warning(
                OVERFITTING,
                "The model is overfitting: from epoch "
                    + start.epoch()
                    + " to "
                    + now.epoch()
                    + " the validation loss rose from "
                    + Format.number(start.validationLoss())
                    + " to "
                    + Format.number(now.validationLoss())
                    + " while the training loss fell from "
                    + Format.number(start.trainLoss())
                    + " to "
                    + Format.number(now.trainLoss())
                    + ". "
                    + remedy(start)));
      }
      Optional<Streak> gap = DebuggerRules.accuracyGapGrowing(trainAccuracy, validationAccuracy, i);
      if (gap.isPresent()) {
        EpochStats start = epochs.get(gap.get().start());
        return Optional.of(
            warning(
                OVERFITTING,
                "The model is overfitting: the gap between training and validation accuracy"
                    + " grew from "
                    + Format.percent(gapBefore(start))
                    + " at epoch "
                    + start.epoch()
                    + " to "
                    + Format.percent(gapBefore(now))
                    + " at epoch "
                    + now.epoch()
                    + " (training "
                    + Format.percent(now.trainAccuracy())
                    + ", validation "
                    + Format.percent(now.validationAccuracy())
                    + "). "
                    + remedy(start)));
      }
    }
    return Optional.empty();
  }

  private static double gapBefore(EpochStats e) {
    return e.trainAccuracy() - e.validationAccuracy();
  }

  private static String remedy(EpochStats lastGood) {
    return "Stop around epoch "
        + lastGood.epoch()
        + " (early stopping), or add augmentation, weight decay or dropout.";
  }

  static Optional<Finding> dataStarvation(TrainingReportData data) {
    double wait = 0;
    double compute = 0;
    if (data.profile() != null
        && Double.isFinite(data.profile().dataWaitSeconds())
        && Double.isFinite(data.profile().computeSeconds())) {
      wait = data.profile().dataWaitSeconds();
      compute = data.profile().computeSeconds();
    } else {
      for (EpochStats e : data.epochs()) {
        if (Double.isFinite(e.dataWaitSeconds()) && Double.isFinite(e.computeSeconds())) {
          wait += e.dataWaitSeconds();
          compute += e.computeSeconds();
        }
      }
    }
    double step = wait + compute;
    if (step <= 0 || wait / step <= MAX_DATA_WAIT_FRACTION) {
      return Optional.empty();
    }
    return Optional.of(
        warning(
            DATA_STARVATION,
            "The training loop waited "
                + Format.seconds(wait)
                + " for batches against "
                + Format.seconds(compute)
                + " of compute: "
                + Format.percent(wait / step)
                + " of step time (more than "
                + Format.percent(MAX_DATA_WAIT_FRACTION)
                + "). Prepare batches ahead of time: keep the data set resident as one tensor,"
                + " augment whole batches at once, and prefetch the next batch while this one"
                + " trains."));
  }

  static Optional<Finding> lowGpu(Profile profile) {
    if (!profile.hasGpu() || profile.gpuUtilization() >= MIN_GPU_UTILIZATION) {
      return Optional.empty();
    }
    return Optional.of(
        warning(
            LOW_GPU,
            "The GPU ("
                + profile.device()
                + ") was busy "
                + Format.percent(profile.gpuUtilization())
                + " of the time (below "
                + Format.percent(MIN_GPU_UTILIZATION)
                + "): you pay for an idle accelerator. Increase the batch size, remove data"
                + " loading stalls, or use a smaller (cheaper) instance type."));
  }

  static Optional<Finding> lowCpu(Profile profile) {
    if (profile.hasGpu()
        || !Double.isFinite(profile.cpuUtilization())
        || profile.cpuUtilization() >= MIN_CPU_UTILIZATION) {
      return Optional.empty();
    }
    return Optional.of(
        warning(
            LOW_CPU,
            "Training on "
                + profile.device()
                + " with "
                + profile.threads()
                + " threads used "
                + Format.percent(profile.cpuUtilization())
                + " of all cores (below "
                + Format.percent(MIN_CPU_UTILIZATION)
                + "). Use one compute thread per core, a larger batch size, or a smaller"
                + " instance type."));
  }

  static Optional<Finding> worstClasses(ConfusionMatrix matrix) {
    List<Integer> measured =
        IntStream.range(0, matrix.size())
            .filter(i -> matrix.support(i) > 0)
            .boxed()
            .sorted(
                Comparator.comparingDouble(matrix::accuracy)
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    if (measured.size() < 2) {
      return Optional.empty();
    }
    StringBuilder detail = new StringBuilder("Lowest per-class accuracy: ");
    List<Integer> worst = measured.subList(0, Math.min(WORST_CLASS_COUNT, measured.size()));
    for (int k = 0; k < worst.size(); k++) {
      int c = worst.get(k);
      detail
          .append(k == 0 ? "" : ", ")
          .append('"')
          .append(matrix.name(c))
          .append("\" ")
          .append(Format.percent(matrix.accuracy(c)))
          .append(" (")
          .append(matrix.correct(c))
          .append(" of ")
          .append(matrix.support(c))
          .append(')');
    }
    detail
        .append("; overall ")
        .append(Format.percent(matrix.overallAccuracy()))
        .append(". More or cleaner examples of these classes help most.");
    return Optional.of(new Finding(Severity.INFO, WORST_CLASSES, detail.toString()));
  }

  static Optional<Finding> mostConfused(ConfusionMatrix matrix) {
    return matrix
        .mostConfused()
        .map(
            c ->
                new Finding(
                    Severity.INFO,
                    MOST_CONFUSED,
                    "\""
                        + c.actualName()
                        + "\" was taken for \""
                        + c.predictedName()
                        + "\" "
                        + c.count()
                        + " times ("
                        + Format.percent(c.shareOfActual())
                        + " of its examples), the most common mistake."));
  }

  private static Finding warning(String title, String detail) {
    return new Finding(Severity.WARNING, title, detail);
  }
}
