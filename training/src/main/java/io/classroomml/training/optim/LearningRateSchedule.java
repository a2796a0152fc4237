package io.classroomml.training.optim;

/**
 * The learning rate at each optimiser step: linear warm-up from 10 % of the peak, then constant,
 * step decay (×0.1 at 50 % and 75 % of training), cosine to zero, or one-cycle (linear to zero, as
 * airbench does).
 *
 * @param peak the learning rate after warm-up
 * @param kind constant, step, cosine or onecycle
 * @param warmupSteps steps of warm-up
 * @param totalSteps steps of the whole job
 */
public record LearningRateSchedule(double peak, String kind, long warmupSteps, long totalSteps) {

  private static final double WARMUP_START = 0.1;

  /** The rate at zero-based step {@code step}. */
  public double at(long step) {
    if (step < warmupSteps) {
      return peak * (WARMUP_START + (1 - WARMUP_START) * step / (double) warmupSteps);
    }
    long decaySteps = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (step - warmupSteps) / (double) decaySteps);
    return switch (kind) {
      case "constant" -> peak;
      case "step" -> peak * (progress < 0.5 ? 1 : progress < 0.75 ? 0.1 : 0.01);
      case "cosine" -> peak * 0.5 * (1 + Math.cos(Math.PI * progress));
      case "onecycle" -> peak * Math.max(0.0, 1 - progress);
      default -> throw new IllegalArgumentException("unknown schedule " + kind);
    };
  }
}
