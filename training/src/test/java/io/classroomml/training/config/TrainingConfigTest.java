package io.classroomml.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.models.Architecture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  private static TrainingConfig parse(Map<String, String> values) {
    return TrainingConfig.parse(Hyperparameters.of(values));
  }

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    TrainingConfig config = parse(Map.of());

    assertThat(config.model()).isEqualTo(Architecture.SMALLCNN);
    assertThat(config.optimizer()).isEqualTo("nesterov");
    assertThat(config.learningRate()).isEqualTo(0.1);
    assertThat(config.epochs()).isEqualTo(10);
  }

  @Test
  void adamGetsItsOwnDefaultLearningRate() {
    assertThat(parse(Map.of("optimizer", "adamw")).learningRate()).isEqualTo(0.001);
  }

  @Test
  void sageMakerAndTuningHyperparametersAreTolerated() {
    TrainingConfig config =
        parse(
            Map.of(
                "sagemaker_program", "train.py",
                "sagemaker_region", "\"eu-west-1\"",
                "_tuning_objective_metric", "validation:accuracy",
                "epochs", "2"));

    assertThat(config.epochs()).isEqualTo(2);
  }

  @Test
  void aTypicalTuningSearchSpaceParses() {
    TrainingConfig config =
        parse(Map.of("learning_rate", "0.0012345", "batch_size", "\"256\"", "model", "resnet20"));

    assertThat(config.learningRate()).isEqualTo(0.0012345);
    assertThat(config.batchSize()).isEqualTo(256);
    assertThat(config.model()).isEqualTo(Architecture.RESNET20);
  }

  @Test
  void everyProblemIsListedOnceWithTheValidValues() {
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        "epochs", "-1",
                        "batch_size", "many",
                        "optimizer", "rmsprop",
                        "learning_rat", "0.1",
                        "colour", "blue")))
        .isInstanceOf(InvalidHyperparametersException.class)
        .satisfies(
            e -> {
              InvalidHyperparametersException ex = (InvalidHyperparametersException) e;
              assertThat(ex.problems()).hasSize(5);
              assertThat(ex.getMessage())
                  .contains("'epochs' = '-1' is out of range; use an integer in [1, 10000]")
                  .contains("'batch_size' = 'many' is not a number")
                  .contains("'optimizer' = 'rmsprop' is unknown choice; use one of sgd, nesterov")
                  .contains(
                      "'learning_rat' is not a hyperparameter of this trainer (did you mean"
                          + " 'learning_rate'?)")
                  .contains("'colour' is not a hyperparameter of this trainer; valid names: model");
            });
  }

  @Test
  void fractionalEpochsAreRejected() {
    assertThatThrownBy(() -> parse(Map.of("epochs", "2.5")))
        .hasMessageContaining("'epochs' = '2.5' is not a whole number");
  }

  @Test
  void warmupLongerThanTrainingIsRejected() {
    assertThatThrownBy(() -> parse(Map.of("epochs", "2", "warmup_epochs", "3")))
        .hasMessageContaining("'warmup_epochs' = '3.0' is longer than 'epochs' = '2'");
  }

  @Test
  void everyHyperparameterOfTheContractSchemaIsAccepted() {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    TrainerHyperparameters.ALL.forEach(h -> all.put(h.name(), h.defaultString()));
    all.put(TrainerHyperparameters.LEARNING_RATE.name(), "0.01");

    assertThat(parse(all)).isEqualTo(parse(Map.of("learning_rate", "0.01")));
  }
}
