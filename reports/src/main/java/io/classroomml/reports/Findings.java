package io.classroomml.reports;

import io.classroomml.reports.Finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Rules over a finished (or stopped) run that say, with numbers, what went wrong or what to look at
 * — like the rules of SageMaker Debugger (loss not decreasing, overfitting) and Profiler (data
 * loader bottleneck, low CPU/GPU utilisation). Warnings first, then information.
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

  /** Epochs in a row that show the overfitting pattern before the rule fires. */
  static final int OVERFITTING_EPOCHS = 2;

  /** Train-minus-validation accuracy gap that counts as overfitting when it keeps growing. */
  static final double OVERFITTING_GAP = 0.10;

  /** Relative improvement below which the loss counts as not decreasing. */
  static final double MIN_RELATIVE_IMPROVEMENT = 0.01;

  /** Epochs without a new best loss, at the end of the run, that count as a plateau. */
  static final int PLATEAU_EPOCHS = 3;

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
      if (Double.isInfinite(e.trainLoss()) || isNaNButReported(e)) {
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
   * A NaN train loss next to a known train accuracy means the loss diverged, not that it was
   * unmeasured.
   */
  private static boolean isNaNButReported(EpochStats e) {
    return Double.isNaN(e.trainLoss()) && !Double.isNaN(e.trainAccuracy());
  }

  static Optional<Finding> lossNotDecreasing(List<EpochStats> epochs) {
    double[] loss = epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
    if (loss.length < 2
        || IntStream.range(0, loss.length).anyMatch(i -> !Double.isFinite(loss[i]))) {
      return Optional.empty();
    }
    double first = loss[0];
    double bestLater = Double.POSITIVE_INFINITY;
    for (int i = 1; i < loss.length; i++) {
      bestLater = Math.min(bestLater, loss[i]);
    }
    if (bestLater > first - Math.abs(first) * MIN_RELATIVE_IMPROVEMENT) {
      return Optional.of(
          warning(
              LOSS_NOT_DECREASING,
              "The training loss did not decrease: "
                  + Format.number(first)
                  + " at epoch "
                  + epochs.get(0).epoch()
                  + ", never below "
                  + Format.number(bestLater)
                  + " in the "
                  + (loss.length - 1)
                  + " epochs after. The learning rate is likely too high or too low, or the"
                  + " labels do not match the images; try a learning rate 10x smaller and"
                  + " larger, and check a few labelled examples."));
    }
    if (loss.length > PLATEAU_EPOCHS + 1) {
      int split = loss.length - PLATEAU_EPOCHS;
      double bestBefore = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      for (int i = 0; i < split; i++) {
        if (loss[i] < bestBefore) {
          bestBefore = loss[i];
          bestEpoch = epochs.get(i).epoch();
        }
      }
      double bestAfter = Double.POSITIVE_INFINITY;
      for (int i = split; i < loss.length; i++) {
        bestAfter = Math.min(bestAfter, loss[i]);
      }
      if (bestAfter > bestBefore - Math.abs(bestBefore) * MIN_RELATIVE_IMPROVEMENT) {
        return Optional.of(
            warning(
                LOSS_NOT_DECREASING,
                "The training loss stopped decreasing: its best was "
                    + Format.number(bestBefore)
                    + " at epoch "
                    + bestEpoch
                    + " and the last "
                    + PLATEAU_EPOCHS
                    + " epochs got no lower than "
                    + Format.number(bestAfter)
                    + ". Decay the learning rate (a step or cosine schedule) or stop earlier."));
      }
    }
    return Optional.empty();
  }

  static Optional<Finding> overfitting(List<EpochStats> epochs) {
    int streak = 0;
    int gapStreak = 0;
    for (int i = 1; i < epochs.size(); i++) {
      EpochStats before = epochs.get(i - 1);
      EpochStats now = epochs.get(i);
      boolean lossDiverges =
          now.validationLoss() > before.validationLoss() && now.trainLoss() < before.trainLoss();
      streak = lossDiverges ? streak + 1 : 0;
      double gapBefore = before.trainAccuracy() - before.validationAccuracy();
      double gapNow = now.trainAccuracy() - now.validationAccuracy();
      gapStreak = gapNow > gapBefore ? gapStreak + 1 : 0;
      if (streak >= OVERFITTING_EPOCHS) {
        EpochStats start = epochs.get(i - streak);
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
      if (gapStreak >= OVERFITTING_EPOCHS && gapNow >= OVERFITTING_GAP) {
        EpochStats start = epochs.get(i - gapStreak);
        return Optional.of(
            warning(
                OVERFITTING,
                "The model is overfitting: the gap between training and validation accuracy"
                    + " grew from "
                    + Format.percent(gapBefore(start))
                    + " at epoch "
                    + start.epoch()
                    + " to "
                    + Format.percent(gapNow)
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
