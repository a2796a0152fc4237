package io.classroomml.training.optim;

import ai.djl.ndarray.NDArray;

/**
 * SGD with momentum, optionally Nesterov: {@code g ← grad + wd·w; v ← m·v + g; w ← w − lr·(g +
 * m·v)} for Nesterov, {@code w ← w − lr·v} otherwise (PyTorch's formulation, with the rate outside
 * the buffer so a schedule can change it).
 */
public final class MomentumSgd extends ScheduledOptimizer {

  private final float momentum;
  private final boolean nesterov;

  public MomentumSgd(
      LearningRateSchedule schedule, float momentum, boolean nesterov, float weightDecay) {
    super(schedule, weightDecay);
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  @Override
  protected void apply(String id, NDArray weight, NDArray grad, float lr, float weightDecay) {
    NDArray g = weightDecay > 0 ? grad.add(weight.mul(weightDecay)) : grad;
    if (momentum == 0) {
      weight.subi(g.mul(lr));
      return;
    }
    NDArray v = buffer("momentum", id, weight);
    v.muli(momentum).addi(g);
    NDArray direction = nesterov ? g.add(v.mul(momentum)) : v;
    weight.subi(direction.mul(lr));
  }
}
