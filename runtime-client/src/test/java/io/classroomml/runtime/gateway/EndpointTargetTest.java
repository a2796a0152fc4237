package io.classroomml.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.SageMakerName;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The gateway's endpoints follow contract's SageMaker name rule and InvokeEndpoint's limits. */
class EndpointTargetTest {

  private static final URI CONTAINER = URI.create("http://127.0.0.1:8080/");

  @Test
  void nameOutsideSageMakersRule_isRefused_inContractsWords() {
    for (String bad : new String[] {"", "-a", "a-", "a_b", "a".repeat(64)}) {
      assertThatThrownBy(() -> EndpointTarget.realtime(bad, CONTAINER))
          .as(bad)
          .hasMessage(SageMakerName.ENDPOINT.invalid(bad));
    }
  }

  @Test
  void nameWithinTheRule_isAccepted_andInvocationsIsUnderTheContainer() {
    EndpointTarget target = EndpointTarget.serverless("a--b-" + "c".repeat(58), CONTAINER);

    assertThat(target.maxPayloadBytes()).isEqualTo(EndpointTarget.SERVERLESS_MAX_PAYLOAD);
    assertThat(target.invocations()).hasToString("http://127.0.0.1:8080/invocations");
  }

  @Test
  void bodyLimitOverInvokeEndpoints_isRefused() {
    assertThatThrownBy(
            () ->
                new EndpointTarget(
                    "a", CONTAINER, "AllTraffic", EndpointTarget.REALTIME_MAX_PAYLOAD + 1))
        .hasMessageContaining("outside InvokeEndpoint's");
  }
}
