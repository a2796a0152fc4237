package io.classroomml.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost guard's notebook line and refusals (issue 14): no CDK needed. */
class NotebookCostTest {

  private static final CostGuard GUARD = new CostGuard(PriceTable.bundled());

  private static StudentEstimate alice(Object... keysAndValues) {
    Map<String, Object> context = CostGuardTest.valid();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      context.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return GUARD.check(ConfigReader.read(context)).students().get(0);
  }

  @Test
  void notebooksOff_addNoLine() {
    assertThat(alice().lines()).noneMatch(l -> l.item().equals("notebook-day"));
  }

  @Test
  void notebooksOn_addADayOfTheDefaultSmallCpuType_keptBusyDespiteIdleShutdown() {
    StudentEstimate alice = alice("studentNotebooks", "true");

    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("notebook-day"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.usd()).isCloseTo(0.05 * 24, within(1e-9));
              assertThat(l.formula()).contains("ml.t3.medium", "24 h", "idle shutdown after 60");
              assertThat(l.setting()).isEqualTo("notebookInstanceTypes");
            });
    assertThat(alice.totalUsd()).isLessThan(alice.budgetUsd());
  }

  @Test
  void severalNotebookTypes_areGuardedAtTheDearest() {
    StudentEstimate alice =
        alice("studentNotebooks", "true", "notebookInstanceTypes", "ml.t3.medium,ml.m5.large");

    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("notebook-day"))
        .singleElement()
        .satisfies(l -> assertThat(l.usd()).isCloseTo(0.115 * 24, within(1e-9)));
  }

  @Test
  void notebookTypesThePriceTableDoesNotOffer_areRefusedAllNamedWithAnAlternative() {
    assertThatThrownBy(
            () ->
                alice(
                    "studentNotebooks",
                    "true",
                    "notebookInstanceTypes",
                    "ml.t3.medium,ml.p3.2xlarge,ml.p4d.24xlarge"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notebookInstanceTypes")
        .hasMessageContaining("ml.p3.2xlarge, ml.p4d.24xlarge are not offered for notebooks")
        .hasMessageContaining("e.g. ml.t3.medium");
  }

  @Test
  void theDefaultNotebookTypeInARegionWithoutItsPrice_isRefusedNamingWhatIsOffered() {
    assertThatThrownBy(
            () ->
                alice(
                    "studentNotebooks",
                    "true",
                    "region",
                    "eu-west-1",
                    "trainingInstanceType",
                    "ml.g4dn.xlarge",
                    "transformInstanceType",
                    "ml.m5.xlarge",
                    "endpointMode",
                    "realtime",
                    "endpointInstanceType",
                    "ml.m5.xlarge"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notebookInstanceTypes")
        .hasMessageContaining("offered: ml.m5.large");
  }

  @Test
  void notebookTypesOutsideTheAllowList_areRefused() {
    assertThatThrownBy(
            () ->
                alice(
                    "studentNotebooks",
                    "true",
                    "allowedInstanceTypes",
                    "ml.g4dn.xlarge,ml.m5.large"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notebookInstanceTypes")
        .hasMessageContaining("ml.t3.medium not in allowedInstanceTypes");
  }

  @Test
  void idleShutdownOutsideSageMakersRange_isRefused() {
    assertThatThrownBy(() -> alice("studentNotebooks", "true", "notebookIdleMinutes", "30"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notebookIdleMinutes")
        .hasMessageContaining("60 to 525600");
  }

  @Test
  void aNotebookTypeWhoseDayBreaksTheBudget_isRefusedByTheBudget() {
    assertThatThrownBy(
            () ->
                alice(
                    "studentNotebooks",
                    "true",
                    "notebookInstanceTypes",
                    "ml.g4dn.xlarge",
                    "budgetUsd",
                    "30"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("budgetUsd")
        .hasMessageContaining("worst case");
  }
}
