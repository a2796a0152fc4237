package io.classroomml.infra.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.infra.TestClassrooms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tuning spec whose values the trainer would refuse fails synth, before any trial is started (and
 * billed), with every problem listed against the contract's hyperparameter schema.
 */
class TuningSpecAtSynthTest {

  private static Map<String, Object> context(Path spec) {
    Map<String, Object> context = TestClassrooms.minimalContext("alice");
    context.put("tuningSpec", spec.toString());
    return context;
  }

  @Test
  void valuesTheTrainerRefuses_failSynthNamingTheKeyFileFieldsAndValidValues(@TempDir Path dir)
      throws IOException {
    Path spec = dir.resolve("spec.json");
    Files.writeString(
        spec,
        "{\"Strategy\": \"Random\", \"HyperParameterTuningJobObjective\": {\"Type\":"
            + " \"Maximize\", \"MetricName\": \"validation:accuracy\"}, \"ResourceLimits\":"
            + " {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2},"
            + " \"ParameterRanges\": {\"CategoricalParameterRanges\": [{\"Name\": \"optimizer\","
            + " \"Values\": [\"sgd\", \"rmsprop\"]}], \"ContinuousParameterRanges\": [{\"Name\":"
            + " \"momentum\", \"MinValue\": 0.5, \"MaxValue\": 1.5}]},"
            + " \"StaticHyperParameters\": {\"epoch\": \"5\"}}");

    assertThatThrownBy(() -> ConfigReader.read(context(spec)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'tuningSpec' = '" + spec + "'")
        .hasMessageContaining("3 problems")
        .hasMessageContaining(
            "CategoricalParameterRanges[0].Values = rmsprop: not a valid optimizer (unknown"
                + " choice); use one of sgd, nesterov, adam, adamw")
        .hasMessageContaining(
            "ContinuousParameterRanges[0].MaxValue = 1.5: outside what the trainer takes for"
                + " momentum; use a number in [0, 0.999]")
        .hasMessageContaining(
            "StaticHyperParameters.epoch = epoch: the trainer has no such hyperparameter");
  }
}
