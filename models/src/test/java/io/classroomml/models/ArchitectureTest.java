package io.classroomml.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchitectureTest {

  /** The contract's schema lists the models the trainer accepts; each one must be built here. */
  @Test
  void everyModelTheSchemaOffersIsAnArchitecture() {
    assertThat(Architecture.ids())
        .containsExactlyElementsOf(TrainerHyperparameters.MODEL.choices());
  }

  /** Weights copy by name between the two (pretrained channels, checkpoints, serving). */
  @ParameterizedTest
  @EnumSource(Architecture.class)
  void theTrainersNetwork_hasTheParameterNamesAndShapesOfTheServersNetwork(Architecture a) {
    assertThat(parameters(a.buildForTraining(3, 10, 0f))).isEqualTo(parameters(a.build(3, 10, 0f)));
  }

  private static List<String> parameters(Block block) {
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      return block.getParameters().stream()
          .map(p -> p.getKey() + " " + p.getValue().getArray().getShape())
          .toList();
    }
  }
}
