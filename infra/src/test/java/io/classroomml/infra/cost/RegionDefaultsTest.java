package io.classroomml.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.classroomml.infra.TestClassrooms;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A region whose price table lacks some defaults (eu-west-1: no serverless price, no ml.m5.large
 * for hosting or transform) is refused once, naming every key to change and what is priced there.
 */
class RegionDefaultsTest {

  private static final CostGuard GUARD = new CostGuard(PriceTable.bundled());

  @Test
  void euWest1WithDefaults_namesEveryKeyToChange_andTheTypesPricedThere() {
    Map<String, Object> context = TestClassrooms.minimalContext("alice");
    context.put("region", "eu-west-1");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> GUARD.check(ConfigReader.read(context)));

    assertThat(e.problems())
        .extracting(ConfigException.Problem::key)
        .containsExactly("endpointMode", "transformInstanceType");
    assertThat(e.getMessage())
        .contains("no serverless price for eu-west-1", "use endpointMode=realtime")
        .contains(
            "context key 'transformInstanceType' = 'ml.m5.large': not offered for transform in"
                + " eu-west-1")
        .contains("offered: ml.m5.xlarge");
  }

  @Test
  void euWest1WithPricedTypes_isAccepted() {
    Map<String, Object> context = TestClassrooms.minimalContext("alice");
    context.put("region", "eu-west-1");
    context.put("endpointMode", "realtime");
    context.put("endpointInstanceType", "ml.m5.xlarge");
    context.put("transformInstanceType", "ml.m5.xlarge");

    assertThat(GUARD.check(ConfigReader.read(context)).region()).isEqualTo("eu-west-1");
  }
}
