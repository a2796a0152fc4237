package io.classroomml.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  /** The contract's schema lists the models the trainer accepts; each one must be built here. */
  @Test
  void everyModelTheSchemaOffersIsAnArchitecture() {
    assertThat(Architecture.ids())
        .containsExactlyElementsOf(TrainerHyperparameters.MODEL.choices());
  }
}
