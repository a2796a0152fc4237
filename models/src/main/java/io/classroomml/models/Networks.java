package io.classroomml.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/** Builders of the blocks behind each {@link Architecture}. */
final class Networks {

  /** airbench's BatchNorm: running statistics keep 60 % of the old value each step (DJL sense). */
  private static final float AIRBENCH_BN_MOMENTUM = 0.6f;

  private static final float AIRBENCH_BN_EPSILON = 1e-12f;

  /** airbench multiplies the logits by 1/9, which acts like a softmax temperature. */
  private static final float AIRBENCH_LOGIT_SCALE = 1f / 9f;

  /** Output channels of the whitening layer per input channel: 2×2 patches, plus negatives. */
  static final int WHITENING_FILTERS_PER_CHANNEL = 8;

  /** The whitening layer looks at 2×2 patches. */
  static final int WHITENING_KERNEL = 2;

  private Networks() {}

  static Block smallCnn(int classes, float dropout, boolean nhwc) {
    SequentialBlock net = new SequentialBlock();
    net.add(stem(32, nhwc)).add(convBnRelu(32, 1)).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    net.add(convBnRelu(64, 1)).add(convBnRelu(64, 1)).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    net.add(convBnRelu(128, 1));
    return head(net, Pool.globalAvgPool2dBlock(), classes, dropout, true);
  }

  /** CIFAR ResNet (He et al. 2016, section 4.2) with {@code n} basic blocks per stage. */
  static Block cifarResNet(int n, int classes, float dropout, boolean nhwc) {
    SequentialBlock net = new SequentialBlock().add(stem(16, nhwc));
    int[] widths = {16, 32, 64};
    for (int stage = 0; stage < widths.length; stage++) {
      for (int i = 0; i < n; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        net.add(residual(widths[stage], stride, stage > 0 && i == 0));
      }
    }
    return head(net, Pool.globalAvgPool2dBlock(), classes, dropout, true);
  }

  /**
   * airbench94/95 (Jordan 2024): a frozen 2×2 whitening convolution, then three groups of conv,
   * max-pool, BN, GELU, conv, BN, GELU. The whitening weights are set from data by the trainer.
   */
  static Block airbench(int channels, int[] widths, int classes, float dropout, boolean nhwc) {
    SequentialBlock net = new SequentialBlock();
    net.add(
        first(
            Conv2d.builder()
                .setKernelShape(new Shape(WHITENING_KERNEL, WHITENING_KERNEL))
                .setFilters(channels * WHITENING_FILTERS_PER_CHANNEL)
                .optBias(true),
            nhwc));
    net.add(Activation.geluBlock());
    for (int width : widths) {
      net.add(conv(width, 1))
          .add(Pool.maxPool2dBlock(new Shape(2, 2)))
          .add(airbenchBatchNorm())
          .add(Activation.geluBlock())
          .add(conv(width, 1))
          .add(airbenchBatchNorm())
          .add(Activation.geluBlock());
    }
    Block head = head(net, Pool.globalMaxPool2dBlock(), classes, dropout, false);
    return ((SequentialBlock) head)
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().mul(AIRBENCH_LOGIT_SCALE))));
  }

  private static Block head(
      SequentialBlock net, Block pool, int classes, float dropout, boolean bias) {
    return net.add(pool)
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(dropout).build())
        .add(Linear.builder().setUnits(classes).optBias(bias).build());
  }

  private static Block residual(int width, int stride, boolean project) {
    SequentialBlock main =
        new SequentialBlock()
            .add(conv(width, stride))
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock())
            .add(conv(width, 1))
            .add(BatchNorm.builder().build());
    Block shortcut =
        project
            ? new SequentialBlock()
                .add(
                    Conv2d.builder()
                        .setKernelShape(new Shape(1, 1))
                        .optStride(new Shape(stride, stride))
                        .setFilters(width)
                        .optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
            : Blocks.identityBlock();
    return new ParallelBlock(Networks::addRelu, List.of(main, shortcut));
  }

  private static NDList addRelu(List<NDList> branches) {
    NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
    return new NDList(Activation.relu(sum));
  }

  /** The first conv-BN-ReLU. */
  private static Block stem(int width, boolean nhwc) {
    return convBnRelu(first(conv3x3(width, 1), nhwc));
  }

  /** The network's first convolution: with {@code nhwc}, it puts the rest in NHWC on CPUs. */
  private static Block first(Conv2d.Builder conv, boolean nhwc) {
    return nhwc ? new ChannelsLast.Conv2d(conv) : conv.build();
  }

  private static Block convBnRelu(int width, int stride) {
    return convBnRelu(conv(width, stride));
  }

  private static Block convBnRelu(Block conv) {
    return new SequentialBlock()
        .add(conv)
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  private static Block conv(int width, int stride) {
    return conv3x3(width, stride).build();
  }

  private static Conv2d.Builder conv3x3(int width, int stride) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .optStride(new Shape(stride, stride))
        .setFilters(width)
        .optBias(false);
  }

  private static Block airbenchBatchNorm() {
    return BatchNorm.builder()
        .optScale(false)
        .optMomentum(AIRBENCH_BN_MOMENTUM)
        .optEpsilon(AIRBENCH_BN_EPSILON)
        .build();
  }
}
