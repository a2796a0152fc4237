package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.contract.tuning.TuningSpec;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocalTunerTest {

  @Test
  void trialHyperparameters_areStaticPlusTunedPlusTheObjectiveLikeSageMaker() {
    TuningSpec spec = TuningSpec.defaultSpec();
    Map<String, String> hp =
        LocalTuner.hyperparameters(
            spec,
            Map.of("learning_rate", "0.01", "batch_size", "64"),
            new LocalTuner.Options(1, OptionalInt.of(1000), List.of()));
    assertThat(hp)
        .containsEntry("epochs", "10")
        .containsEntry("learning_rate", "0.01")
        .containsEntry("_tuning_objective_metric", "validation:accuracy")
        .containsEntry("max_steps_per_epoch", "16"); // ceil(1000 / 64)
  }

  @Test
  void trialName_followsSageMakersPatternAndLimit() {
    String name = LocalTuner.trialName("tune-1122-041500", 3, Map.of("a", "1"));
    assertThat(name).matches("tune-1122-041500-003-[0-9a-f]{8}");
    assertThat(name.length()).isLessThanOrEqualTo(63);
  }

  @Test
  void trialHyperparameters_budgetStepsWithTheTrainersDefaultBatchSize() {
    TuningSpec spec = TuningSpec.defaultSpec();
    Map<String, String> hp =
        LocalTuner.hyperparameters(
            spec,
            Map.of("learning_rate", "0.01"),
            new LocalTuner.Options(1, OptionalInt.of(1000), List.of()));
    int batch = (Integer) TrainerHyperparameters.BATCH_SIZE.defaultValue().orElseThrow();
    assertThat(hp).containsEntry("max_steps_per_epoch", String.valueOf((1000 + batch - 1) / batch));
  }

  @Test
  void epochs_areTheSpecsStaticValueElseTheTrainersDefault() {
    TuningSpec d = TuningSpec.defaultSpec();
    assertThat(LocalTuner.epochs(withStatics(d, Map.of("epochs", "7")))).isEqualTo(7);
    assertThat(LocalTuner.epochs(withStatics(d, Map.of()))).isEqualTo(10);
  }

  private static TuningSpec withStatics(TuningSpec s, Map<String, String> statics) {
    return new TuningSpec(
        s.strategy(),
        s.objective(),
        s.parameterRanges(),
        s.resourceLimits(),
        s.earlyStopping(),
        s.hyperband(),
        s.randomSeed(),
        statics);
  }
}
