package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.classroomml.infra.cost.IdleCost;
import io.classroomml.infra.cost.PriceTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** C1: what a student costs per day while idle, read from the synthesized templates. */
class IdleCostTest {

  private static final double ALARM = 0.0033333;
  private static final double BUDGET = 0.02;
  private final IdleCost idle = new IdleCost(PriceTable.bundled(), TestClassrooms.REGION);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resources(software.amazon.awscdk.Stack stack) {
    return (Map<String, Object>) Template.fromStack(stack).toJSON().get("Resources");
  }

  @Test
  void studentWithoutModel_costsOnlyAlarmsAndBudget() {
    double perDay = idle.totalPerDay(resources(TestClassrooms.serverless().students().get(1)));

    assertThat(perDay).isCloseTo(3 * ALARM + BUDGET, within(1e-6)).isLessThan(0.05);
  }

  @Test
  void serverlessEndpoint_costsNothingIdle() {
    double perDay = idle.totalPerDay(resources(TestClassrooms.serverless().students().get(0)));

    assertThat(perDay).isCloseTo(5 * ALARM + BUDGET, within(1e-6)).isLessThan(0.05);
  }

  @Test
  void realtimeEndpointAndOwnDashboard_billAllDay() {
    double perDay = idle.totalPerDay(resources(TestClassrooms.realtime().students().get(0)));

    assertThat(perDay).isCloseTo(5 * ALARM + BUDGET + 0.1 + 0.115 * 24, within(1e-6));
  }

  @Test
  void notebooks_addTheProfilesSpaceVolumeAndTheDomainsHomeEfs_andNothingElseIdle() {
    Classroom notebooks = TestClassrooms.notebooks();
    double bob = idle.totalPerDay(resources(notebooks.students().get(1)));
    Map<String, Double> platform = idle.perDay(resources(notebooks.platform()));

    // bob: 3 alarms, the budget and his profile (one 5 GB space volume at $0.14/GB-month)
    assertThat(bob).isCloseTo(3 * ALARM + BUDGET + 5 * 0.14 / 30, within(1e-6));
    // the domain's home EFS at 1 GB of EFS Standard; its VPC, subnets and cleanup bill nothing
    assertThat(platform)
        .containsEntry("AWS::SageMaker::Domain", 0.01)
        .containsEntry("AWS::EC2::VPC", 0.0)
        .containsEntry("AWS::EC2::Subnet", 0.0);
    assertThat(
            idle.totalPerDay(resources(notebooks.platform()))
                - idle.totalPerDay(resources(TestClassrooms.serverless().platform())))
        .isCloseTo(0.01, within(1e-6));
  }

  @Test
  void unknownResourceType_isRejectedNotIgnored() {
    Map<String, Object> resources =
        Map.of("Db", Map.of("Type", "AWS::RDS::DBInstance", "Properties", Map.of()));

    assertThatThrownBy(() -> idle.totalPerDay(resources))
        .hasMessageContaining("AWS::RDS::DBInstance")
        .hasMessageContaining("idlePerDay");
  }
}
