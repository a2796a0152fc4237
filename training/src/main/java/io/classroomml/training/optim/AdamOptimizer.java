package io.classroomml.training.optim;

import ai.djl.ndarray.NDArray;

/**
 * Adam (Kingma and Ba) with bias correction; with {@code decoupled} the weight decay is applied to
 * the weights directly (AdamW, Loshchilov and Hutter) instead of being added to the gradient.
 */
public final class AdamOptimizer extends ScheduledOptimizer {

  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float beta1;
  private final boolean decoupled;

  public AdamOptimizer(
      LearningRateSchedule schedule, float beta1, boolean decoupled, float weightDecay) {
    super(schedule, weightDecay);
    this.beta1 = beta1;
    this.decoupled = decoupled;
  }

  @Override
  protected void apply(String id, NDArray weight, NDArray grad, float lr, float weightDecay) {
    NDArray g = !decoupled && weightDecay > 0 ? grad.add(weight.mul(weightDecay)) : grad;
    NDArray m = buffer("m", id, weight);
    NDArray v = buffer("v", id, weight);
    m.muli(beta1).addi(g.mul(1 - beta1));
    v.muli(BETA2).addi(g.square().muli(1 - BETA2));
    long t = step() + 1;
    double correction1 = 1 - Math.pow(beta1, t);
    double correction2 = 1 - Math.pow(BETA2, t);
    float stepSize = (float) (lr * Math.sqrt(correction2) / correction1);
    if (decoupled && weightDecay > 0) {
      weight.muli(1 - lr * weightDecay);
    }
    weight.subi(m.div(v.sqrt().addi(EPSILON)).muli(stepSize));
  }
}
