package io.classroomml.models;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The selectable networks, by the name students pass as the {@code model} hyperparameter.
 *
 * <p>All take NCHW float input of any square-ish size from 16 px up (CIFAR-10 is 32×32,
 * Fashion-MNIST 28×28) and end in global pooling, so the same network serves image folders resized
 * to other sizes.
 */
public enum Architecture {
  /** A small conv-BN-ReLU baseline (about 0.3 M parameters): quick to train on CPU. */
  SMALLCNN("smallcnn"),
  /** He et al.'s CIFAR ResNet with 3×3 stages of 16/32/64 channels, depth 6n+2. */
  RESNET20("resnet20"),
  RESNET32("resnet32"),
  RESNET56("resnet56"),
  /** Keller Jordan's airbench94 network: whitening conv, frozen-scale BN, widths 64/256/256. */
  AIRBENCH94("airbench94"),
  /** airbench95 widths 128/384/384. */
  AIRBENCH95("airbench95"),
  /**
   * airbench at CPU widths 48/96/192 (about 0.5 M parameters): 93.5 % on Fashion-MNIST in 2.5 min
   * on two cores, where smallcnn reaches 91.8 % (bench/training-recipe.md).
   */
  AIRBENCH_CPU("airbench-cpu");

  private static final int[] AIRBENCH94_WIDTHS = {64, 256, 256};
  private static final int[] AIRBENCH95_WIDTHS = {128, 384, 384};
  private static final int[] AIRBENCH_CPU_WIDTHS = {48, 96, 192};

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The name used in hyperparameters and in the manifest. */
  public String id() {
    return id;
  }

  /** Whether the first layer is a whitening convolution that must be set from training data. */
  public boolean hasWhiteningLayer() {
    return this == AIRBENCH94 || this == AIRBENCH95 || this == AIRBENCH_CPU;
  }

  /** The architecture named {@code id}, ignoring case. */
  public static Optional<Architecture> byId(String id) {
    return Arrays.stream(values())
        .filter(a -> a.id.equals(id.toLowerCase(Locale.ROOT).strip()))
        .findFirst();
  }

  /** All names: exactly the {@code model} choices of the contract's hyperparameter schema. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Architecture::id).toList();
  }

  /**
   * Builds an untrained block for inference: NCHW throughout, which the server measured faster for
   * its single images and small batches, with a flat resident set (bench/serve.md).
   *
   * @param channels input channels (1 or 3)
   * @param classes number of outputs (logits)
   * @param dropout dropout rate before the classifier, in [0, 1)
   */
  public Block build(int channels, int classes, float dropout) {
    return build(channels, classes, dropout, false);
  }

  /**
   * Builds an untrained block for the trainer, whose first convolution puts the network in NHWC on
   * CPUs ({@link ChannelsLast}): a training step 1.2× and evaluation batches 2× faster. The
   * parameters and the saved model are the same as {@link #build}'s.
   */
  public Block buildForTraining(int channels, int classes, float dropout) {
    return build(channels, classes, dropout, true);
  }

  private Block build(int channels, int classes, float dropout, boolean nhwc) {
    return switch (this) {
      case SMALLCNN -> Networks.smallCnn(classes, dropout, nhwc);
      case RESNET20 -> Networks.cifarResNet(3, classes, dropout, nhwc);
      case RESNET32 -> Networks.cifarResNet(5, classes, dropout, nhwc);
      case RESNET56 -> Networks.cifarResNet(9, classes, dropout, nhwc);
      case AIRBENCH94 -> Networks.airbench(channels, AIRBENCH94_WIDTHS, classes, dropout, nhwc);
      case AIRBENCH95 -> Networks.airbench(channels, AIRBENCH95_WIDTHS, classes, dropout, nhwc);
      case AIRBENCH_CPU -> Networks.airbench(channels, AIRBENCH_CPU_WIDTHS, classes, dropout, nhwc);
    };
  }
}
