package io.classroomml.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SageMakerPathsTest {

  @Test
  void defaultsToOptMl() {
    SageMakerPaths paths = SageMakerPaths.fromEnvironment(Map.of());

    assertThat(paths.hyperparameters())
        .isEqualTo(Path.of("/opt/ml/input/config/hyperparameters.json"));
    assertThat(paths.channel("train")).isEqualTo(Path.of("/opt/ml/input/data/train"));
    assertThat(paths.failure()).isEqualTo(Path.of("/opt/ml/output/failure"));
    assertThat(paths.checkpoints()).isEqualTo(Path.of("/opt/ml/checkpoints"));
  }

  @Test
  void baseDirectoryMovesEveryPath() {
    SageMakerPaths paths =
        SageMakerPaths.fromEnvironment(Map.of("SAGEMAKER_BASE_DIR", "/tmp/job1"));

    assertThat(paths.model()).isEqualTo(Path.of("/tmp/job1/model"));
    assertThat(paths.outputData()).isEqualTo(Path.of("/tmp/job1/output/data"));
    assertThat(paths.resourceConfig())
        .isEqualTo(Path.of("/tmp/job1/input/config/resourceconfig.json"));
  }
}
