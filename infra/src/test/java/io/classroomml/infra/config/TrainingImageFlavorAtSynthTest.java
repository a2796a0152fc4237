package io.classroomml.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.infra.TestClassrooms;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GPU training image (CUDA natives only) with a CPU training instance type would fail every job
 * at its first second; synth refuses the pair, naming both keys and the fix.
 */
class TrainingImageFlavorAtSynthTest {

  private static Map<String, Object> context(String instanceType, String flavor) {
    Map<String, Object> context = TestClassrooms.minimalContext("alice");
    context.put("trainingInstanceType", instanceType);
    if (flavor != null) {
      context.put("trainingImageFlavor", flavor);
    }
    return context;
  }

  @Test
  void aGpuImageWithACpuTrainingInstanceType_failsSynthNamingBothKeysAndTheFix() {
    assertThatThrownBy(() -> ConfigReader.read(context("ml.m5.xlarge", "gpu")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'trainingImageFlavor' = 'gpu'")
        .hasMessageContaining("trainingInstanceType=ml.m5.xlarge has no GPU")
        .hasMessageContaining("ml.g4dn.xlarge")
        .hasMessageContaining("scripts/build-images --training cpu");
  }

  @Test
  void aGpuImageOnAGpuType_aCpuImageAnywhere_andNoFlavourAtAll_synthesize() {
    assertThat(ConfigReader.read(context("ml.g4dn.xlarge", "gpu")).training().instanceType())
        .isEqualTo("ml.g4dn.xlarge");
    assertThat(ConfigReader.read(context("ml.m5.xlarge", "cpu")).training().instanceType())
        .isEqualTo("ml.m5.xlarge");
    assertThat(ConfigReader.read(context("ml.m5.xlarge", null)).training().instanceType())
        .isEqualTo("ml.m5.xlarge");
  }

  @Test
  void anUnknownFlavour_failsSynth() {
    assertThatThrownBy(() -> ConfigReader.read(context("ml.g4dn.xlarge", "cuda")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be gpu or cpu");
  }
}
