package io.classroomml.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

  @Test
  void jsonEncodedValuesAreDecodedAndRawStringsKept() throws IOException {
    Hyperparameters hp =
        Hyperparameters.parse(
            "{\"optimizer\": \"\\\"adam\\\"\", \"learning_rate\": \"0.01\", \"tta\": \"true\","
                + " \"model\": \"resnet20\", \"odd\": \"{not json\"}");

    assertThat(hp.values())
        .containsEntry("optimizer", "adam")
        .containsEntry("learning_rate", "0.01")
        .containsEntry("tta", "true")
        .containsEntry("model", "resnet20")
        .containsEntry("odd", "{not json");
  }

  @Test
  void nonStringJsonValuesAreAcceptedAsTheirText() throws IOException {
    Hyperparameters hp = Hyperparameters.parse("{\"epochs\": 3, \"augment_flip\": false}");

    assertThat(hp.values()).containsEntry("epochs", "3").containsEntry("augment_flip", "false");
  }

  @Test
  void aJsonArrayIsRejected() {
    assertThatThrownBy(() -> Hyperparameters.parse("[1, 2]")).hasMessageContaining("JSON object");
  }
}
