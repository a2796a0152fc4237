package io.classroomml.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import org.junit.jupiter.api.Test;

class JobBudgetTest {

  @Test
  void imagesPerEpoch_keepsThePixelsPerJob_whateverTheImageSize() {
    assertThat(LocalRun.imagesPerEpoch(28, 28)).isEqualTo(LocalRun.IMAGES_PER_EPOCH_28X28);
    assertThat(LocalRun.imagesPerEpoch(32, 32)).isEqualTo(3920);
    assertThat(LocalRun.imagesPerEpoch(32, 32) * 32 * 32)
        .isCloseTo(LocalRun.IMAGES_PER_EPOCH_28X28 * 28 * 28, within(1024));
  }

  @Test
  void theDemosModel_isOneTheTrainerOffers() {
    assertThat(TrainerHyperparameters.MODEL.choices()).contains(LocalRun.MODEL);
  }

  @Test
  void theShortRunSettings_areTrainerHyperparametersWithValidValues() {
    LocalRun.SHORT_RUN.forEach(
        (name, value) ->
            assertThat(TrainerHyperparameters.named(name))
                .as(name)
                .hasValueSatisfying(h -> assertThat(h.parse(value)).isNotNull()));
  }
}
