package io.classroomml.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private final PriceTable prices = PriceTable.bundled();

  @Test
  void bundled_isDatedAndSourcedPerRegion() {
    assertThat(prices.asOf()).isEqualTo(LocalDate.of(2026, 11, 21));
    for (String region : prices.regions()) {
      assertThat(prices.source(region)).isNotBlank();
    }
    assertThat(prices.idleSource()).isNotBlank();
  }

  @Test
  void hourly_typeMissingInRegion_isNotOffered() {
    assertThat(prices.hourly("us-east-1", Usage.TRAINING, "ml.g5.2xlarge")).hasValue(1.515);
    assertThat(prices.hourly("eu-west-1", Usage.TRAINING, "ml.g5.2xlarge")).isEmpty();
    assertThat(prices.hourly("mars-1", Usage.TRAINING, "ml.m5.large")).isEmpty();
  }

  @Test
  void cheapest_picksTheLowestPriceOfTheSameKind() {
    assertThat(prices.cheapest("us-east-1", Usage.TRAINING, true)).hasValue("ml.g4dn.xlarge");
    assertThat(prices.cheapest("us-east-1", Usage.TRAINING, false)).hasValue("ml.m5.large");
  }

  @Test
  void isGpu_knowsNvidiaFamiliesButNotNeuron() {
    assertThat(InstanceTypes.isGpu("ml.g4dn.xlarge")).isTrue();
    assertThat(InstanceTypes.isGpu("ml.p5.48xlarge")).isTrue();
    assertThat(InstanceTypes.isGpu("ml.inf2.xlarge")).isFalse();
    assertThat(InstanceTypes.isGpu("ml.m5.large")).isFalse();
  }

  @Test
  void serverless_isPricedOnlyWhereASourceGivesIt() {
    assertThat(prices.serverlessPerGbSecond("us-east-1")).hasValue(0.00002);
    assertThat(prices.serverlessPerGbSecond("eu-west-1")).isEmpty();
  }
}
