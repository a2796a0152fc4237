package io.classroomml.contract.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TuningSpecTest {

  private static final String OBJECTIVE =
      "\"HyperParameterTuningJobObjective\": {\"Type\": \"Maximize\","
          + " \"MetricName\": \"validation:accuracy\"}";

  private static final String LR_RANGE =
      "\"ParameterRanges\": {\"ContinuousParameterRanges\": [{\"Name\": \"learning_rate\","
          + " \"MinValue\": \"0.001\", \"MaxValue\": \"0.1\", \"ScalingType\": \"Logarithmic\"}]}";

  private static String spec(String... fields) {
    return "{" + String.join(", ", fields) + "}";
  }

  private static String random(String... more) {
    String base =
        "\"Strategy\": \"Random\", "
            + OBJECTIVE
            + ", \"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2}";
    return spec(Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void defaultSpec_searchesAroundTheTrainersRecipe() {
    TuningSpec spec = TuningSpec.defaultSpec();

    assertThat(spec.strategy()).isEqualTo(Strategy.RANDOM);
    assertThat(spec.objective())
        .isEqualTo(new Objective(ObjectiveType.MAXIMIZE, "validation:accuracy"));
    // Every trial is a variation of the recipe the trainer's defaults give (SGD with Nesterov,
    // one-cycle to a peak rate of 0.1, batch 64): rates within a factor of about 3 either way and
    // batches of 32 to 128, so that no trial of a short run is wasted on a rate too small to learn
    // in a few epochs or a batch too large to take enough steps.
    ContinuousRange rate =
        spec.parameterRanges().continuousRanges().stream()
            .filter(r -> r.name().equals("learning_rate"))
            .findFirst()
            .orElseThrow();
    double recipeRate = TrainerHyperparameters.defaultLearningRate("nesterov");
    assertThat(rate.scalingType()).isEqualTo(ScalingType.LOGARITHMIC);
    assertThat(rate.minValue()).isBetween(recipeRate / 4, recipeRate);
    assertThat(rate.maxValue()).isBetween(recipeRate, recipeRate * 4);
    assertThat(spec.parameterRanges().categoricalRanges())
        .contains(new CategoricalRange("batch_size", List.of("32", "64", "128")));
    assertThat(spec.staticHyperParameters())
        .containsEntry("epochs", "10")
        .containsEntry("optimizer", "nesterov");
  }

  @Test
  void defaultSpec_objectiveIsAMetricTheTrainerPrints() {
    String name = TuningSpec.defaultSpec().objective().metricName();

    assertThat(MetricDefinitions.named(name)).isPresent();
  }

  @Test
  void toHyperParameterTuningJobConfig_usesTheApiShapeWithStringBounds() {
    Map<String, Object> config =
        TuningSpec.parse(random(LR_RANGE)).toHyperParameterTuningJobConfig();

    assertThat(config)
        .containsEntry("Strategy", "Random")
        .containsEntry("TrainingJobEarlyStoppingType", "Off")
        .containsEntry(
            "HyperParameterTuningJobObjective",
            Map.of("Type", "Maximize", "MetricName", "validation:accuracy"))
        .containsEntry(
            "ResourceLimits", Map.of("MaxNumberOfTrainingJobs", 4, "MaxParallelTrainingJobs", 2))
        .doesNotContainKey("StrategyConfig");
    @SuppressWarnings("unchecked")
    Map<String, List<Map<String, Object>>> ranges =
        (Map<String, List<Map<String, Object>>>) config.get("ParameterRanges");
    assertThat(ranges.get("ContinuousParameterRanges").get(0))
        .containsEntry("MinValue", "0.001")
        .containsEntry("MaxValue", "0.1")
        .containsEntry("ScalingType", "Logarithmic");
  }

  @Test
  void parse_gridWithoutMaxJobs_runsEveryCombination() {
    TuningSpec spec =
        TuningSpec.parse(
            spec(
                "\"Strategy\": \"Grid\"",
                OBJECTIVE,
                "\"ResourceLimits\": {\"MaxParallelTrainingJobs\": 2}",
                "\"ParameterRanges\": {\"CategoricalParameterRanges\": ["
                    + "{\"Name\": \"batch_size\", \"Values\": [\"32\", \"64\", \"128\"]},"
                    + "{\"Name\": \"optimizer\", \"Values\": [\"sgd\", \"adam\"]}]}"));

    assertThat(spec.maxTrainingJobs()).isEqualTo(6);
  }

  @Test
  void parse_hyperbandWithEpochs_infersMaxResource() {
    TuningSpec spec =
        TuningSpec.parse(
            spec(
                "\"Strategy\": \"Hyperband\"",
                OBJECTIVE,
                "\"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 9, \"MaxParallelTrainingJobs\": 3}",
                LR_RANGE,
                "\"StaticHyperParameters\": {\"epochs\": 20}"));

    assertThat(spec.hyperband().maxResource()).isEmpty();
    assertThat(spec.staticHyperParameters()).containsEntry("epochs", "20");
    assertThat(spec.toHyperParameterTuningJobConfig())
        .containsEntry("StrategyConfig", Map.of("HyperbandStrategyConfig", Map.of()));
  }

  @Test
  void parse_path_namesTheFileInErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, random("\"ParameterRanges\": {}"));

    assertThatThrownBy(() -> TuningSpec.parse(file))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageStartingWith(file.toString() + ": ParameterRanges");
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("not json", "{", "(document)"),
        Arguments.of("missing strategy", spec(OBJECTIVE, LR_RANGE), "Strategy"),
        Arguments.of(
            "lower-case strategy",
            random(LR_RANGE).replace("\"Random\"", "\"random\""),
            "Strategy = random"),
        Arguments.of(
            "unknown objective metric",
            random(LR_RANGE).replace("validation:accuracy", "val_acc"),
            "HyperParameterTuningJobObjective.MetricName = val_acc"),
        Arguments.of(
            "bad objective type",
            random(LR_RANGE).replace("Maximize", "Biggest"),
            "HyperParameterTuningJobObjective.Type = Biggest"),
        Arguments.of(
            "unknown hyperparameter",
            random(LR_RANGE.replace("learning_rate", "lr")),
            "ParameterRanges.ContinuousParameterRanges[0].Name = lr"),
        Arguments.of(
            "min above max",
            random(LR_RANGE.replace("\"0.1\"", "\"0.0001\"")),
            "ParameterRanges.ContinuousParameterRanges[0].MaxValue = 1.0E-4"),
        Arguments.of(
            "logarithmic through zero",
            random(LR_RANGE.replace("\"0.001\"", "\"0\"")),
            "ParameterRanges.ContinuousParameterRanges[0].MinValue = 0.0"),
        Arguments.of(
            "reverse logarithmic up to one",
            random(LR_RANGE.replace("Logarithmic", "ReverseLogarithmic").replace("0.1", "1.0")),
            "ContinuousParameterRanges[0].MaxValue = 1.0"),
        Arguments.of(
            "integer reverse logarithmic",
            random(
                "\"ParameterRanges\": {\"IntegerParameterRanges\": [{\"Name\": \"epochs\","
                    + " \"MinValue\": 1, \"MaxValue\": 5, \"ScalingType\": \"ReverseLogarithmic\"}]}"),
            "IntegerParameterRanges[0].ScalingType = ReverseLogarithmic"),
        Arguments.of(
            "non-numeric bound",
            random(LR_RANGE.replace("\"0.1\"", "\"lots\"")),
            "ContinuousParameterRanges[0].MaxValue = \"lots\""),
        Arguments.of("no ranges", random("\"ParameterRanges\": {}"), "ParameterRanges"),
        Arguments.of(
            "tuned twice",
            random(
                "\"ParameterRanges\": {\"CategoricalParameterRanges\": ["
                    + "{\"Name\": \"model\", \"Values\": [\"a\"]},"
                    + "{\"Name\": \"model\", \"Values\": [\"b\"]}]}"),
            "CategoricalParameterRanges[1].Name = model"),
        Arguments.of(
            "tuned and static",
            random(LR_RANGE, "\"StaticHyperParameters\": {\"learning_rate\": \"0.1\"}"),
            "ContinuousParameterRanges[0].Name = learning_rate"),
        Arguments.of(
            "empty categorical",
            random(
                "\"ParameterRanges\": {\"CategoricalParameterRanges\": ["
                    + "{\"Name\": \"model\", \"Values\": []}]}"),
            "CategoricalParameterRanges[0].Values = []"),
        Arguments.of(
            "grid with continuous range",
            random(LR_RANGE).replace("\"Random\"", "\"Grid\""),
            "ParameterRanges.ContinuousParameterRanges = learning_rate"),
        Arguments.of(
            "grid with wrong job count",
            spec(
                "\"Strategy\": \"Grid\"",
                OBJECTIVE,
                "\"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 5, \"MaxParallelTrainingJobs\": 1}",
                "\"ParameterRanges\": {\"CategoricalParameterRanges\": ["
                    + "{\"Name\": \"batch_size\", \"Values\": [\"32\", \"64\"]}]}"),
            "ResourceLimits.MaxNumberOfTrainingJobs = 5"),
        Arguments.of(
            "hyperband with early stopping",
            spec(
                "\"Strategy\": \"Hyperband\"",
                OBJECTIVE,
                "\"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2}",
                LR_RANGE,
                "\"TrainingJobEarlyStoppingType\": \"Auto\"",
                "\"StaticHyperParameters\": {\"epochs\": \"5\"}"),
            "TrainingJobEarlyStoppingType = Auto"),
        Arguments.of(
            "hyperband without epochs or max resource",
            spec(
                "\"Strategy\": \"Hyperband\"",
                OBJECTIVE,
                "\"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2}",
                LR_RANGE),
            "StrategyConfig.HyperbandStrategyConfig.MaxResource is missing"),
        Arguments.of(
            "hyperband resource too large",
            spec(
                "\"Strategy\": \"Hyperband\"",
                OBJECTIVE,
                "\"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2}",
                LR_RANGE,
                "\"StrategyConfig\": {\"HyperbandStrategyConfig\": {\"MaxResource\": 30000}}"),
            "HyperbandStrategyConfig.MaxResource = 30000"),
        Arguments.of(
            "strategy config without hyperband",
            random(
                LR_RANGE,
                "\"StrategyConfig\": {\"HyperbandStrategyConfig\": {\"MaxResource\": 10}}"),
            "StrategyConfig = "),
        Arguments.of(
            "parallel above total",
            random(LR_RANGE)
                .replace("\"MaxParallelTrainingJobs\": 2", "\"MaxParallelTrainingJobs\": 8"),
            "ResourceLimits.MaxParallelTrainingJobs = 8"),
        Arguments.of(
            "too many jobs",
            random(LR_RANGE)
                .replace("\"MaxNumberOfTrainingJobs\": 4", "\"MaxNumberOfTrainingJobs\": 751"),
            "ResourceLimits.MaxNumberOfTrainingJobs = 751"),
        Arguments.of(
            "tuning runtime too short",
            random(LR_RANGE)
                .replace(
                    "\"MaxParallelTrainingJobs\": 2",
                    "\"MaxParallelTrainingJobs\": 2, \"MaxRuntimeInSeconds\": 60"),
            "ResourceLimits.MaxRuntimeInSeconds = 60"),
        Arguments.of("negative seed", random(LR_RANGE, "\"RandomSeed\": -1"), "RandomSeed = -1"),
        Arguments.of(
            "unknown field", random(LR_RANGE, "\"MaxJobs\": 3"), "MaxJobs = 3: unknown field"),
        Arguments.of(
            "duplicate key",
            random(LR_RANGE, "\"RandomSeed\": 1, \"RandomSeed\": 2"),
            "(document)"),
        Arguments.of(
            "static object value",
            random(LR_RANGE, "\"StaticHyperParameters\": {\"epochs\": {\"n\": 3}}"),
            "StaticHyperParameters.epochs"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void parse_badSpec_namesTheFieldAndValue(String why, String json, String expected) {
    assertThatThrownBy(() -> TuningSpec.parse(json))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageStartingWith("<string>: ")
        .hasMessageContaining(expected);
  }

  @Test
  void exception_carriesFieldAndValue() {
    TuningSpecException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            TuningSpecException.class,
            () -> TuningSpec.parse(random(LR_RANGE, "\"RandomSeed\": -3")));

    assertThat(e.field()).isEqualTo("RandomSeed");
    assertThat(e.value()).isEqualTo("-3");
    assertThat(e.source()).isEqualTo("<string>");
  }

  @Test
  void objectiveType_isBetter_followsDirection() {
    assertThat(ObjectiveType.MAXIMIZE.isBetter(0.9, 0.8)).isTrue();
    assertThat(ObjectiveType.MINIMIZE.isBetter(0.9, 0.8)).isFalse();
  }

  @Test
  void objectiveType_rank_putsTheBestFirstAndUnrankedLastInTheirOrder() {
    List<Double> values = List.of(0.5, Double.NaN, 0.9, 0.1, Double.NaN, 0.9);
    List<Integer> indices = List.of(0, 1, 2, 3, 4, 5);

    assertThat(ObjectiveType.MAXIMIZE.rank(indices, values::get)).containsExactly(2, 5, 0, 3, 1, 4);
    assertThat(ObjectiveType.MINIMIZE.rank(indices, values::get)).containsExactly(3, 0, 2, 5, 1, 4);
  }

  @Test
  void parse_categoricalValueTheTrainerRefuses_isRejectedWithTheValidValues() {
    String json =
        random(
            "\"ParameterRanges\": {\"CategoricalParameterRanges\": ["
                + "{\"Name\": \"optimizer\", \"Values\": [\"sgd\", \"rmsprop\"]}]}");

    assertThatThrownBy(() -> TuningSpec.parse(json))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageContaining(
            "ParameterRanges.CategoricalParameterRanges[0].Values = rmsprop: not a valid optimizer"
                + " (unknown choice); use one of sgd, nesterov, adam, adamw");
  }

  @Test
  void parse_everySchemaProblem_isListedAtOnceWithFileKeyValueAndValidValues(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("course-spec.json");
    Files.writeString(
        file,
        random(
            "\"ParameterRanges\": {"
                + "\"IntegerParameterRanges\": [{\"Name\": \"batch_size\", \"MinValue\": 0,"
                + " \"MaxValue\": 100000}],"
                + "\"ContinuousParameterRanges\": [{\"Name\": \"learning_rat\", \"MinValue\":"
                + " 0.001, \"MaxValue\": 0.1}, {\"Name\": \"dropout\", \"MinValue\": 0.1,"
                + " \"MaxValue\": 0.99}],"
                + "\"CategoricalParameterRanges\": [{\"Name\": \"optimizer\", \"Values\":"
                + " [\"sgd\", \"rmsprop\"]}, {\"Name\": \"model\", \"Values\": [\"resnet20\","
                + " \"vgg16\"]}]}",
            "\"StaticHyperParameters\": {\"epochs\": \"ten\", \"colour\": \"blue\"}"));

    TuningSpecException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            TuningSpecException.class, () -> TuningSpec.parse(file));

    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.problems())
        .extracting(TuningSpecException.Problem::field, TuningSpecException.Problem::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("StaticHyperParameters.epochs", "ten"),
            org.assertj.core.groups.Tuple.tuple("StaticHyperParameters.colour", "colour"),
            org.assertj.core.groups.Tuple.tuple(
                "ParameterRanges.IntegerParameterRanges[0].MinValue", "0"),
            org.assertj.core.groups.Tuple.tuple(
                "ParameterRanges.IntegerParameterRanges[0].MaxValue", "100000"),
            org.assertj.core.groups.Tuple.tuple(
                "ParameterRanges.ContinuousParameterRanges[0].Name", "learning_rat"),
            org.assertj.core.groups.Tuple.tuple(
                "ParameterRanges.ContinuousParameterRanges[1].MaxValue", "0.99"),
            org.assertj.core.groups.Tuple.tuple(
                "ParameterRanges.CategoricalParameterRanges[0].Values", "rmsprop"),
            org.assertj.core.groups.Tuple.tuple(
                "ParameterRanges.CategoricalParameterRanges[1].Values", "vgg16"));
    assertThat(e.getMessage())
        .startsWith(file + ": 8 problems:")
        .contains("batch_size; use an integer in [1, 65536]")
        .contains("dropout; use a number in [0, 0.95]")
        .contains("learning_rat: the trainer has no such hyperparameter; use one of")
        .contains("(did you mean 'learning_rate'?)")
        .contains("not a valid epochs (not a number); use an integer in [1, 10000]")
        .contains(
            "use one of smallcnn, resnet20, resnet32, resnet56, airbench94, airbench95, airbench-cpu");
  }

  @Test
  void parse_realRangeForAWholeNumberHyperparameter_isRejected() {
    String json =
        random(
            "\"ParameterRanges\": {\"ContinuousParameterRanges\": [{\"Name\": \"epochs\","
                + " \"MinValue\": 1, \"MaxValue\": 5}]}");

    assertThatThrownBy(() -> TuningSpec.parse(json))
        .hasMessageContaining(
            "ContinuousParameterRanges[0].Name = epochs: epochs takes whole numbers only");
  }

  @Test
  void parse_numericRangeForAChoice_isRejected() {
    String json =
        random(
            "\"ParameterRanges\": {\"IntegerParameterRanges\": [{\"Name\": \"tta\","
                + " \"MinValue\": 0, \"MaxValue\": 1}]}");

    assertThatThrownBy(() -> TuningSpec.parse(json))
        .hasMessageContaining(
            "IntegerParameterRanges[0].Name = tta: tta takes true or false; list the values as a"
                + " CategoricalParameterRange");
  }

  @Test
  void parse_malformedDocumentAfterSchemaProblems_listsThemToo() {
    String json =
        random(
            "\"ParameterRanges\": {\"CategoricalParameterRanges\": ["
                + "{\"Name\": \"optimizer\", \"Values\": [\"rmsprop\"]}]}",
            "\"RandomSeed\": -1");

    TuningSpecException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            TuningSpecException.class, () -> TuningSpec.parse(json));

    assertThat(e.problems())
        .extracting(TuningSpecException.Problem::field)
        .containsExactly("ParameterRanges.CategoricalParameterRanges[0].Values", "RandomSeed");
  }
}
