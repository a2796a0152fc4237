package io.classroomml.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ChannelsLastTest {

  private static final Shape INPUT = new Shape(2, 3, 9, 9);

  @Test
  void training_computesTheSameOutputAndGradientsAsConv2d() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Conv2d plain = builder().build();
      ChannelsLast.Conv2d channelsLast = new ChannelsLast.Conv2d(builder());
      plain.initialize(manager, DataType.FLOAT32, INPUT);
      channelsLast.initialize(manager, DataType.FLOAT32, INPUT);
      NDArray weight = manager.randomNormal(new Shape(5, 3, 3, 3));
      NDArray bias = manager.randomNormal(new Shape(5));
      for (Conv2d block : new Conv2d[] {plain, channelsLast}) {
        block.getParameters().get("weight").getArray().set(weight.toFloatArray());
        block.getParameters().get("bias").getArray().set(bias.toFloatArray());
      }
      NDArray x = manager.randomNormal(INPUT);

      NDArray[] expected = trainStep(manager, plain, x);
      NDArray[] actual = trainStep(manager, channelsLast, x);

      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i].getShape()).isEqualTo(expected[i].getShape());
        assertThat(actual[i].allClose(expected[i], 1e-4, 1e-5, false)).as("output %d", i).isTrue();
      }
    }
  }

  @Test
  void inference_computesTheSameOutputAsConv2d() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ChannelsLast.Conv2d block = new ChannelsLast.Conv2d(builder());
      block.initialize(manager, DataType.FLOAT32, INPUT);
      NDArray x = manager.randomNormal(INPUT);
      NDArray w = block.getParameters().get("weight").getArray();
      NDArray b = block.getParameters().get("bias").getArray();

      NDArray out =
          block
              .forward(new ParameterStore(manager, false), new NDList(x), false)
              .singletonOrThrow();

      NDArray reference =
          Conv2d.conv2d(x, w, b, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1)
              .singletonOrThrow();
      assertThat(out.allClose(reference, 1e-5, 1e-6, false)).isTrue();
    }
  }

  /** Output, then the gradients of weight, bias and input, for the loss sum(out²). */
  private static NDArray[] trainStep(NDManager manager, Conv2d block, NDArray input) {
    NDArray x = input.duplicate();
    x.setRequiresGradient(true);
    Parameter weight = block.getParameters().get("weight");
    Parameter bias = block.getParameters().get("bias");
    weight.getArray().setRequiresGradient(true);
    bias.getArray().setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out =
          block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
      collector.backward(out.square().sum());
      return new NDArray[] {
        out.duplicate(),
        weight.getArray().getGradient().duplicate(),
        bias.getArray().getGradient().duplicate(),
        x.getGradient().duplicate()
      };
    }
  }

  private static Conv2d.Builder builder() {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optStride(new Shape(2, 2))
        .optPadding(new Shape(1, 1))
        .setFilters(5)
        .optBias(true);
  }
}
