package io.classroomml.reports;

import io.classroomml.contract.rules.DebuggerRules;
import io.classroomml.reports.Finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rules over a finished (or stopped) run that say, with numbers, what went wrong or what to look at
 * — like the rules of SageMaker Debugger (loss not decreasing, overfitting) and Profiler (data
 * loader bottleneck, low CPU/GPU utilisation). Warnings first, then information. The loss and
 * overfitting rules are the contract's {@link DebuggerRules}, the ones the trainer stops on, so the
 * report explains exactly what the trainer did. The rules live by what they read: {@link
 * LossFindings}, {@link ProfileFindings} and {@link ClassFindings}; this class names them and
 * orders what they find.
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

  private Findings() {}

  /** Every finding for {@code data}: warnings first, then information, each group in rule order. */
  public static List<Finding> of(TrainingReportData data) {
    List<Finding> findings = new ArrayList<>();
    List<EpochStats> epochs = data.epochs();
    LossFindings.notFiniteLoss(epochs).ifPresent(findings::add);
    LossFindings.lossNotDecreasing(epochs).ifPresent(findings::add);
    LossFindings.overfitting(epochs).ifPresent(findings::add);
    ProfileFindings.dataStarvation(data).ifPresent(findings::add);
    if (data.profile() != null) {
      ProfileFindings.lowGpu(data.profile()).ifPresent(findings::add);
      ProfileFindings.lowCpu(data.profile()).ifPresent(findings::add);
    }
    data.confusionMatrix()
        .ifPresent(
            matrix -> {
              ClassFindings.worstClasses(matrix).ifPresent(findings::add);
              ClassFindings.mostConfused(matrix).ifPresent(findings::add);
            });
    findings.sort(Comparator.comparing(f -> f.severity() == Severity.INFO));
    return List.copyOf(findings);
  }
}
