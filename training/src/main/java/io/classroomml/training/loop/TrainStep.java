package io.classroomml.training.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.classroomml.models.InputNormalizer;
import java.nio.ByteBuffer;

/**
 * One optimiser step on a host batch: copy the uint8 pixels to each device's share, normalise
 * there, forward, loss, backward, update. Every temporary lives in a per-step manager that is
 * closed at the end, so native memory does not grow from step to step.
 */
public final class TrainStep {

  private TrainStep() {}

  /**
   * The trainer configuration every training run uses: {@code loss}, {@code optimizer}, all of
   * {@code devices}, and He (Kaiming) uniform initialisation of weights, which suits ReLU networks.
   */
  public static DefaultTrainingConfig config(Loss loss, Optimizer optimizer, Device[] devices) {
    return new DefaultTrainingConfig(loss)
        .optOptimizer(optimizer)
        .optDevices(devices)
        .optInitializer(
            new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 2),
            Parameter.Type.WEIGHT);
  }

  /**
   * Trains on {@code count} images; with several devices the batch is split between them and DJL's
   * parameter store sums the gradients.
   *
   * @return the mean loss and the number of correct predictions
   */
  public static float[] run(
      Trainer trainer, InputNormalizer normalizer, ByteBuffer pixels, int[] labels, int count) {
    Device[] devices = trainer.getDevices();
    try (NDManager scope = trainer.getManager().newSubManager()) {
      NDArray x8 = normalizer.pixels(scope, pixels, count);
      NDArray y = scope.create(labels);
      NDList xs = devices.length == 1 ? new NDList(x8) : x8.split(devices.length);
      NDList ys = devices.length == 1 ? new NDList(y) : y.split(devices.length);
      float loss = 0;
      long correct = 0;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        for (int d = 0; d < xs.size(); d++) {
          NDArray x = normalizer.normalize(xs.get(d).toDevice(devices[d], false));
          NDArray target = ys.get(d).toDevice(devices[d], false);
          NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
          NDArray l = trainer.getLoss().evaluate(new NDList(target), new NDList(logits));
          float share = target.getShape().get(0) / (float) count;
          collector.backward(l.mul(share));
          loss += l.getFloat() * share;
          correct +=
              logits
                  .argMax(1)
                  .toType(DataType.INT32, false)
                  .eq(target.toType(DataType.INT32, false))
                  .countNonzero()
                  .getLong();
        }
      }
      trainer.step();
      return new float[] {loss, correct};
    }
  }
}
