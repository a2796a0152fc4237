package io.classroomml.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The first convolution of the trainer's networks ({@link Architecture#buildForTraining}): on a CPU
 * it hands PyTorch its weight in channels-last memory order (physically O·H·W·I, logically
 * O·I·H·W), so oneDNN returns an NHWC output, and every later convolution, batch norm, ReLU and
 * pooling follows its input into NHWC, the layout oneDNN's CPU kernels are fastest in for batches:
 * on two cores a smallcnn training step takes 117 instead of 144 ms and evaluation with TTA about
 * half the time (bench/training-recipe.md). The server keeps NCHW: for its single images and small
 * batches NHWC was slower (p50 2.2 against 1.8 ms) and its resident set grew under load.
 *
 * <p>DJL 0.32 has no memory-format API, so the order comes from a permute and a copying reshape of
 * the stem's small weight (a few hundred floats) at each call; the parameter, its gradient and the
 * saved model stay {@link ai.djl.nn.convolutional.Conv2d}'s. Other devices take {@link
 * ai.djl.nn.convolutional.Conv2d}'s path: the layout has not been measured on a GPU.
 */
final class ChannelsLast {

  private ChannelsLast() {}

  /**
   * Named {@code Conv2d} on purpose: DJL names parameters after the block's simple class name, so a
   * network built for training has the same parameter names as one built for serving, and weights
   * copy between them by name (pretrained channels, checkpoints).
   */
  static final class Conv2d extends ai.djl.nn.convolutional.Conv2d {

    Conv2d(ai.djl.nn.convolutional.Conv2d.Builder builder) {
      super(builder);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore parameterStore,
        NDList inputs,
        boolean training,
        PairList<String, Object> params) {
      NDArray input = inputs.singletonOrThrow();
      Device device = input.getDevice();
      if (!Device.Type.CPU.equals(device.getDeviceType())) {
        return super.forwardInternal(parameterStore, inputs, training, params);
      }
      NDArray w = parameterStore.getValue(weight, device, training);
      NDArray b = includeBias ? parameterStore.getValue(bias, device, training) : null;
      return conv2d(input, channelsLast(w), b, stride, padding, dilation, groups);
    }

    /** The same O·I·H·W values, laid out O·H·W·I in memory. */
    private static NDArray channelsLast(NDArray weight) {
      Shape s = weight.getShape();
      long out = s.get(0);
      long in = s.get(1);
      long kh = s.get(2);
      long kw = s.get(3);
      // The permuted view cannot be flattened in place, so reshape copies it into O·H·W·I order.
      return weight
          .transpose(0, 2, 3, 1)
          .reshape(out, kh * kw * in)
          .reshape(out, kh, kw, in)
          .transpose(0, 3, 1, 2);
    }
  }
}
