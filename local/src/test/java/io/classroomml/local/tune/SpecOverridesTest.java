package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.tuning.EarlyStoppingType;
import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.contract.tuning.TuningSpecException;
import io.classroomml.local.LocalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SpecOverridesTest {

  private final TuningSpec spec = TuningSpec.defaultSpec();

  @Test
  void pinningATunedHyperparameter_removesItsRangeAndSaysSo() {
    List<String> changes = new ArrayList<>();
    TuningSpec local =
        new SpecOverrides(
                OptionalInt.of(4), OptionalInt.of(2), Optional.empty(), Map.of("model", "smallcnn"))
            .apply(spec, changes);
    assertThat(local.parameterRanges().names()).doesNotContain("model").contains("learning_rate");
    assertThat(local.staticHyperParameters()).containsEntry("model", "smallcnn");
    assertThat(local.resourceLimits().maxNumberOfTrainingJobs()).isEqualTo(4);
    assertThat(local.resourceLimits().maxParallelTrainingJobs()).isEqualTo(2);
    assertThat(changes)
        .contains("model=smallcnn (tuned in the spec)")
        .contains("MaxNumberOfTrainingJobs 4 (spec: 12)");
  }

  @Test
  void hyperband_turnsTheSpecsEarlyStoppingOff() {
    List<String> changes = new ArrayList<>();
    TuningSpec local =
        new SpecOverrides(
                OptionalInt.empty(), OptionalInt.empty(), Optional.of(Strategy.HYPERBAND), Map.of())
            .apply(spec, changes);
    assertThat(local.earlyStopping()).isEqualTo(EarlyStoppingType.OFF);
    assertThat(local.hyperband()).isNotNull();
    assertThat(changes).anyMatch(c -> c.contains("Hyperband stops trials itself"));
  }

  @Test
  void grid_withNumericRangesLeft_isRefusedWithTheFix() {
    assertThatThrownBy(
            () ->
                new SpecOverrides(
                        OptionalInt.empty(),
                        OptionalInt.empty(),
                        Optional.of(Strategy.GRID),
                        Map.of())
                    .apply(spec, new ArrayList<>()))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("learning_rate")
        .hasMessageContaining("--set NAME=VALUE");
  }

  @Test
  void pinnedValuesTheTrainerWouldRefuse_areAllListedBeforeAnyTrial() {
    SpecOverrides overrides =
        new SpecOverrides(
            OptionalInt.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            new java.util.LinkedHashMap<>(
                Map.of("optimizer", "rmsprop", "epochs", "0", "colour", "blue")));

    assertThatThrownBy(() -> overrides.apply(spec, new ArrayList<>()))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageStartingWith("--set: 3 problems:")
        .hasMessageContaining(
            "optimizer = rmsprop: not a valid optimizer (unknown choice); use"
                + " one of sgd, nesterov, adam, adamw")
        .hasMessageContaining("epochs = 0: not a valid epochs (out of range)")
        .hasMessageContaining("colour = colour: the trainer has no such hyperparameter");
  }
}
