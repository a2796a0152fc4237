package io.classroomml.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy against smoothed targets: the true class gets {@code 1 − ε + ε/K}, every other
 * class {@code ε/K} (Szegedy et al. 2016). DJL has no label smoothing, so the loss is written out:
 * {@code −Σ target · log_softmax(logits)}, averaged over the batch. With {@code ε = 0} it is plain
 * cross-entropy.
 */
public final class LabelSmoothingLoss extends Loss {

  private final float epsilon;

  public LabelSmoothingLoss(float epsilon) {
    super("LabelSmoothingCrossEntropy");
    this.epsilon = epsilon;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.singletonOrThrow();
    long classes = logits.getShape().get(1);
    NDArray logProbabilities = logits.logSoftmax(1);
    NDArray target =
        labels
            .singletonOrThrow()
            .toType(DataType.INT64, false)
            .oneHot((int) classes)
            .toType(DataType.FLOAT32, false)
            .muli(1 - epsilon)
            .addi(epsilon / classes);
    return target.mul(logProbabilities).sum(new int[] {1}).neg().mean();
  }
}
