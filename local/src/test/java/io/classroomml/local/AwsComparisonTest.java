package io.classroomml.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsComparisonTest {

  @TempDir Path root;

  @Test
  void load_readsTheClassroomsRegionAndTypesAndPricesThem() throws Exception {
    Files.writeString(
        root.resolve("cdk.json"),
        "{\"context\": {\"region\": \"eu-west-1\", \"trainingInstanceType\": \"ml.g4dn.xlarge\","
            + " \"endpointInstanceType\": \"ml.m5.large\"}}");
    Path prices = root.resolve(AwsComparison.PRICES);
    Files.createDirectories(prices.getParent());
    Files.writeString(
        prices,
        "{\"asOf\": \"2026-11-21\", \"regions\": {\"eu-west-1\": {\"training\": {\"ml.g4dn.xlarge\":"
            + " 0.8}, \"hosting\": {\"ml.m5.large\": 0.12}}}}");
    AwsComparison aws = AwsComparison.load(root).orElseThrow();
    assertThat(aws.training(3600)).isCloseTo(0.8, offset(1e-12));
    assertThat(aws.hosting(1800)).isCloseTo(0.06, offset(1e-12));
    assertThat(aws.assumptions())
        .contains("eu-west-1")
        .contains("ml.g4dn.xlarge")
        .contains("2026-11-21");
  }

  @Test
  void load_isEmptyWhenTheTypeHasNoPriceInTheRegion() throws Exception {
    Files.writeString(root.resolve("cdk.json"), "{\"context\": {\"region\": \"ap-south-9\"}}");
    Path prices = root.resolve(AwsComparison.PRICES);
    Files.createDirectories(prices.getParent());
    Files.writeString(prices, "{\"regions\": {}}");
    assertThat(AwsComparison.load(root)).isEmpty();
  }
}
