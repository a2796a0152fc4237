package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.infra.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app reads every context key it is given, so a mistyped one fails the synth. */
class ContextKeysTest {

  @Test
  void build_mistypedKey_failsBeforeAnyStackWithTheKeyItProbablyMeant() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.put("budgetUSD", "5");

    assertThatThrownBy(() -> TestClassrooms.build(context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'budgetUSD' (did you mean 'budgetUsd'?)");
  }
}
