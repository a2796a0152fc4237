package io.classroomml.reports;

import java.util.Optional;

/**
 * The Profiler-like findings over where the time went: batches that starve compute, and a GPU or
 * CPU left idle.
 */
final class ProfileFindings {

  /** Data wait above this share of step time (data wait + compute) starves compute. */
  static final double MAX_DATA_WAIT_FRACTION = 0.10;

  /** CPU training below this share of all cores leaves the machine idle. */
  static final double MIN_CPU_UTILIZATION = 0.50;

  /** GPU busy less than this share of the time is under-used (SageMaker's rule uses 70% too). */
  static final double MIN_GPU_UTILIZATION = 0.70;

  private ProfileFindings() {}

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
        Finding.warning(
            Findings.DATA_STARVATION,
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
        Finding.warning(
            Findings.LOW_GPU,
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
        Finding.warning(
            Findings.LOW_CPU,
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
}
