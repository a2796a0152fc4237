package io.classroomml.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServingEnvironmentTest {

  @Test
  void from_emptyEnvironment_givesRealTimeDefaults() {
    ServingEnvironment env = ServingEnvironment.from(Map.of(), 4);

    assertThat(env.port()).isEqualTo(8080);
    assertThat(env.mode()).isEqualTo(ServingMode.REALTIME);
    assertThat(env.workers()).isEqualTo(4);
    assertThat(env.queueCapacity()).isEqualTo(32);
    assertThat(env.maxPayloadBytes()).isEqualTo(6_291_456L);
    assertThat(env.invocationTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(env.defaultAccept()).isEqualTo("application/json");
    assertThat(env.modelDir()).isEqualTo(Path.of("/opt/ml/model"));
    assertThat(env.batchTransform()).isFalse();
  }

  @Test
  void from_serverless_usesOneWorkerAndFourMegabytes() {
    ServingEnvironment env =
        ServingEnvironment.from(Map.of(ServingEnvironment.MODE, "Serverless"), 4);

    assertThat(env.workers()).isEqualTo(1);
    assertThat(env.maxPayloadBytes()).isEqualTo(4L * 1024 * 1024);
  }

  @Test
  void from_batchTransformVariables_reachExecutionParameters() {
    ServingEnvironment env =
        ServingEnvironment.from(
            Map.of(
                "SAGEMAKER_BATCH", "True",
                "SAGEMAKER_MAX_PAYLOAD_IN_MB", "20",
                "SAGEMAKER_BATCH_STRATEGY", "SingleRecord",
                "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS", "3",
                "SAGEMAKER_BIND_TO_PORT", "9000",
                "SAGEMAKER_BASE_DIR", "/tmp/ml"),
            2);

    assertThat(env.batchTransform()).isTrue();
    assertThat(env.port()).isEqualTo(9000);
    assertThat(env.modelDir()).isEqualTo(Path.of("/tmp/ml/model"));
    assertThat(env.batchStrategy()).isEqualTo(Optional.of("SINGLE_RECORD"));
    assertThat(env.executionParameters())
        .containsExactly(
            Map.entry("MaxConcurrentTransforms", 3),
            Map.entry("BatchStrategy", "SINGLE_RECORD"),
            Map.entry("MaxPayloadInMB", 20L));
  }

  @Test
  void from_badValues_nameTheVariableTheValueAndTheRange() {
    assertThatThrownBy(() -> ServingEnvironment.from(Map.of("SAGEMAKER_BIND_TO_PORT", "80a"), 2))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "SAGEMAKER_BIND_TO_PORT='80a' is not valid: expected a whole number from 0 to 65535");
    assertThatThrownBy(
            () -> ServingEnvironment.from(Map.of("SAGEMAKER_MAX_PAYLOAD_IN_MB", "101"), 2))
        .hasMessageContaining("from 1 to 100");
    assertThatThrownBy(() -> ServingEnvironment.from(Map.of("CLASSROOM_SERVING_MODE", "async"), 2))
        .hasMessageContaining("realtime or serverless");
    assertThatThrownBy(() -> ServingEnvironment.from(Map.of("SAGEMAKER_BATCH_STRATEGY", "ALL"), 2))
        .hasMessageContaining("SINGLE_RECORD or MULTI_RECORD");
  }

  @Test
  void from_blankValues_countAsUnset() {
    assertThat(ServingEnvironment.from(Map.of("SAGEMAKER_BIND_TO_PORT", " "), 2).port())
        .isEqualTo(8080);
  }

  @Test
  void decodeBudget_isHalfTheHeap_unlessSet() {
    long mib = 1024L * 1024;
    // A 1 GB serverless endpoint: the image gives the heap half, and decoding half of that.
    assertThat(ServingEnvironment.from(Map.of(), 1, 512 * mib).decodeBudgetBytes())
        .isEqualTo(256 * mib);
    assertThat(
            ServingEnvironment.from(Map.of(ServingEnvironment.DECODE_BUDGET_MB, "64"), 1, 512 * mib)
                .decodeBudgetBytes())
        .isEqualTo(64 * mib);
    assertThatThrownBy(
            () -> ServingEnvironment.from(Map.of(ServingEnvironment.DECODE_BUDGET_MB, "8"), 1))
        .hasMessageContaining("CLASSROOM_DECODE_BUDGET_MB='8'");
  }
}
