package io.classroomml.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.classroomml.datasets.ImageSet;
import io.classroomml.models.InputNormalizer;
import java.nio.ByteBuffer;

/**
 * Loss, accuracy and confusion matrix of the model on a data set, in inference mode (batch norm
 * uses its running statistics). With test-time augmentation the logits of each image and of its
 * mirror image are averaged.
 */
final class Evaluation {

  /**
   * Images per forward pass. Small enough that libtorch's activations stay below the mmap threshold
   * ({@code NativeMemory}) and are reused from the heap: 10,000 Fashion-MNIST images with TTA take
   * 7.3 s at 100 against 8.5 s at 500, with 0.6 instead of 1.5 GB resident.
   */
  private static final int BATCH = 100;

  private Evaluation() {}

  /** The result of one pass. {@code confusion[actual][predicted]}. */
  record Result(double loss, double accuracy, int[][] confusion) {}

  static Result run(
      Trainer trainer, ImageSet data, InputNormalizer normalizer, Loss loss, boolean tta) {
    int classes = data.classNames().size();
    int[][] confusion = new int[classes][classes];
    double lossSum = 0;
    int correct = 0;
    ByteBuffer buffer = ByteBuffer.allocateDirect(Math.min(BATCH, data.size()) * data.imageBytes());
    for (int from = 0; from < data.size(); from += BATCH) {
      int count = Math.min(BATCH, data.size() - from);
      buffer.clear();
      buffer.put(data.pixels(), from * data.imageBytes(), count * data.imageBytes()).flip();
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDArray x =
            normalizer
                .normalize(normalizer.pixels(scope, buffer, count))
                .toDevice(device(trainer), false);
        NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
        if (tta) {
          NDArray mirrored = trainer.evaluate(new NDList(x.flip(3))).singletonOrThrow();
          logits = logits.add(mirrored).muli(0.5f);
        }
        int[] labels = new int[count];
        System.arraycopy(data.labels(), from, labels, 0, count);
        NDArray y = scope.create(labels).toDevice(logits.getDevice(), false);
        lossSum += loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * count;
        long[] predicted = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < count; i++) {
          confusion[labels[i]][(int) predicted[i]]++;
          if (predicted[i] == labels[i]) {
            correct++;
          }
        }
      }
    }
    return new Result(lossSum / data.size(), correct / (double) data.size(), confusion);
  }

  private static ai.djl.Device device(Trainer trainer) {
    return trainer.getDevices()[0];
  }
}
