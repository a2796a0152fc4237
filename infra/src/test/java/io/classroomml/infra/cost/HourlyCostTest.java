package io.classroomml.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.classroomml.infra.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimate's worst case per hour: what the concurrency gate lets a student run at once. */
class HourlyCostTest {

  private static final PriceTable PRICES = PriceTable.bundled();
  private static final double G4DN =
      PRICES.hourly("us-east-1", Usage.TRAINING, "ml.g4dn.xlarge").getAsDouble();
  private static final double M5_TRANSFORM =
      PRICES.hourly("us-east-1", Usage.TRANSFORM, "ml.m5.large").getAsDouble();

  private static ClassEstimate check(Map<String, Object> context) {
    return new CostGuard(PRICES).check(ConfigReader.read(context));
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> context = CostGuardTest.valid();
    context.put(key, value);
    return context;
  }

  @Test
  void defaults_oneRunOfEachPipelineAtOnce_tuningAtItsParallelTrials() {
    StudentEstimate alice = check(CostGuardTest.valid()).students().get(0);

    // 1 training + 3 parallel trials of the default spec on g4dn.xlarge, 1 transform on m5.large.
    assertThat(alice.usdPerHour()).isCloseTo(4 * G4DN + M5_TRANSFORM, within(1e-9));
  }

  @Test
  void moreConcurrentJobs_multiplyTheHourlyWorstCase() {
    double one = check(CostGuardTest.valid()).students().get(0).usdPerHour();

    double two = check(with("maxConcurrentJobs", "2")).students().get(0).usdPerHour();

    assertThat(two).isCloseTo(2 * one, within(1e-9));
  }

  @Test
  void serverlessEndpoint_addsAnHourAtFullConcurrency() {
    double without = check(CostGuardTest.valid()).students().get(0).usdPerHour();

    double with = check(with("models", "alice=m/model.tar.gz")).students().get(0).usdPerHour();

    assertThat(with - without)
        .isCloseTo(
            2 * 5 * 3600 * PRICES.serverlessPerGbSecond("us-east-1").getAsDouble(), within(1e-9));
  }

  @Test
  void classPerHour_isTheSumOverStudents_andIsPrintedAndWritten(@TempDir Path dir)
      throws IOException {
    ClassEstimate estimate = check(CostGuardTest.valid());
    Path file = dir.resolve("estimate.json");

    estimate.writeJson(file);

    assertThat(estimate.usdPerHour()).isCloseTo(2 * (4 * G4DN + M5_TRANSFORM), within(1e-9));
    assertThat(estimate.toText()).contains("/hour", "tuning runs", "3 parallel trials");
    assertThat(Files.readString(file)).contains("\"classUsdPerHour\"", "\"worstCaseUsdPerHour\"");
  }

  @Test
  void studentNotebooks_addTheDearestNotebookTypeForAnHour() {
    double without = check(CostGuardTest.valid()).students().get(0).usdPerHour();

    double with = check(with("studentNotebooks", "true")).students().get(0).usdPerHour();

    assertThat(with - without)
        .isCloseTo(
            PRICES.hourly("us-east-1", Usage.NOTEBOOK, "ml.t3.medium").getAsDouble(), within(1e-9));
  }

  @Test
  void zeroConcurrentJobs_isRefusedNamingTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(with("maxConcurrentJobs", "0")))
        .hasMessageContaining("maxConcurrentJobs")
        .hasMessageContaining("at least 1");
  }
}
