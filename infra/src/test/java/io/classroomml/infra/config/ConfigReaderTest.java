package io.classroomml.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.classroomml.infra.TestClassrooms;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link ConfigReader}: one synth names every problem of the configuration. */
class ConfigReaderTest {

  private static Map<String, Object> valid() {
    return TestClassrooms.minimalContext("alice,bob");
  }

  @Test
  void read_threeIndependentMistakes_areAllNamedInOneException() {
    Map<String, Object> context = valid();
    context.put("budgetUsd", "-5");
    context.put("endpointMode", "always-on");
    context.put("trainingSpto", "false");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(context));

    assertThat(e.problems())
        .extracting(ConfigException.Problem::key)
        .containsExactly("trainingSpto", "budgetUsd", "endpointMode");
    assertThat(e.getMessage())
        .startsWith("3 problems in the configuration, fix them all:")
        .contains("'trainingSpto' (did you mean 'trainingSpot'?)")
        .contains("context key 'budgetUsd' = '-5': must be a number above 0; e.g. 50.0")
        .contains("context key 'endpointMode' = 'always-on': must be serverless or realtime");
    assertThat(e.key()).isEqualTo("trainingSpto");
  }

  @Test
  void read_severalBadStudentsAndValues_eachNamedOnce() {
    Map<String, Object> context = valid();
    context.put("students", "Alice,bob,bob,carol=not-an-email");
    context.put("budgetThresholds", "50,x,2000");
    context.put("trainingInstanceType", "g4dn");
    context.put("trainingImageFlavor", "gpu");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(context));

    assertThat(e.problems())
        .extracting(ConfigException.Problem::key, ConfigException.Problem::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("students", "Alice"),
            org.assertj.core.groups.Tuple.tuple("students", "bob"),
            org.assertj.core.groups.Tuple.tuple("students", "carol=not-an-email"),
            org.assertj.core.groups.Tuple.tuple("budgetThresholds", "x"),
            org.assertj.core.groups.Tuple.tuple("budgetThresholds", "50,x,2000"),
            org.assertj.core.groups.Tuple.tuple("trainingInstanceType", "g4dn"));
  }

  @Test
  void read_oneMistake_keepsTheOneLineMessage() {
    Map<String, Object> context = valid();
    context.put("budgetUsd", "lots");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(context));

    assertThat(e.getMessage())
        .isEqualTo("context key 'budgetUsd' = 'lots': must be a number above 0; e.g. 50.0");
  }

  @Test
  void read_aValidConfiguration_isRead() {
    assertThat(ConfigReader.read(valid()).students()).hasSize(2);
  }
}
