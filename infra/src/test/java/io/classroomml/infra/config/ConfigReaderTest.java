package io.classroomml.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.classroomml.infra.TestClassrooms;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link ConfigReader}: one synth names every problem of the configuration. */
class ConfigReaderTest {

  /** What reading a valid two-student context with {@code keysAndValues} added throws. */
  private static ConfigException refused(String... keysAndValues) {
    Map<String, Object> context = TestClassrooms.minimalContext("alice,bob");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      context.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(context));
  }

  @Test
  void read_threeIndependentMistakes_areAllNamedInOneException() {
    ConfigException e =
        refused("budgetUsd", "-5", "endpointMode", "always-on", "trainingSpto", "false");

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
    ConfigException e =
        refused(
            "students", "Alice,bob,bob,carol=not-an-email",
            "budgetThresholds", "50,x,2000",
            "trainingInstanceType", "g4dn",
            "trainingImageFlavor", "gpu");

    assertThat(e.problems())
        .extracting(ConfigException.Problem::key, ConfigException.Problem::value)
        .containsExactly(
            tuple("students", "Alice"),
            tuple("students", "bob"),
            tuple("students", "carol=not-an-email"),
            tuple("budgetThresholds", "x"),
            tuple("budgetThresholds", "50,x,2000"),
            tuple("trainingInstanceType", "g4dn"));
  }

  @Test
  void read_oneMistake_keepsTheOneLineMessage() {
    assertThat(refused("budgetUsd", "lots").getMessage())
        .isEqualTo("context key 'budgetUsd' = 'lots': must be a number above 0; e.g. 50.0");
  }

  @Test
  void read_aValidConfiguration_isRead() {
    assertThat(ConfigReader.read(TestClassrooms.minimalContext("alice,bob")).students()).hasSize(2);
  }
}
