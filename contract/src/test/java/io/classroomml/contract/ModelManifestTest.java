package io.classroomml.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {

  @TempDir Path dir;

  private static ModelManifest sample() {
    return new ModelManifest(
        ModelManifest.FORMAT_VERSION,
        "resnet20",
        "model-0000.params",
        3,
        32,
        32,
        List.of(0.49, 0.48, 0.45),
        List.of(0.25, 0.24, 0.26),
        List.of("cat", "dog"),
        Map.of("epochs", "3"),
        Map.of("validation:accuracy", 0.9),
        "PyTorch 2.5.1");
  }

  @Test
  void writtenManifestReadsBackEqual() throws IOException {
    sample().writeTo(dir);

    assertThat(ModelManifest.readFrom(dir)).isEqualTo(sample());
  }

  @Test
  void missingManifestNamesTheFile() {
    assertThatThrownBy(() -> ModelManifest.readFrom(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.resolve("manifest.json").toString());
  }

  @Test
  void corruptManifestNamesTheFile() throws IOException {
    Files.writeString(dir.resolve("manifest.json"), "{\"architecture\": ");

    assertThatThrownBy(() -> ModelManifest.readFrom(dir))
        .hasMessageContaining("manifest.json is not a valid model manifest");
  }

  @Test
  void newerFormatIsRefusedWithTheFix() throws IOException {
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"formatVersion\": 99, \"mean\":[], \"std\":[], \"classNames\":[]}");

    assertThatThrownBy(() -> ModelManifest.readFrom(dir))
        .hasMessageContaining("use a newer inference image");
  }
}
