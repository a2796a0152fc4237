package io.classroomml.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.classroomml.contract.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {

  @TempDir Path dir;

  private static ModelManifest manifest(String architecture, int classes) {
    return new ModelManifest(
        ModelManifest.FORMAT_VERSION,
        architecture,
        SavedModel.WEIGHTS_FILE,
        3,
        32,
        32,
        List.of(0.5, 0.5, 0.5),
        List.of(0.25, 0.25, 0.25),
        java.util.stream.IntStream.range(0, classes).mapToObj(i -> "c" + i).toList(),
        Map.of(),
        Map.of(),
        "PyTorch");
  }

  private void saveInitialised(Architecture architecture, int classes) throws IOException {
    try (Model model = Model.newInstance(architecture.id())) {
      model.setBlock(architecture.build(3, classes, 0f));
      model
          .getBlock()
          .initialize(
              model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3, 32, 32));
      SavedModel.save(model, manifest(architecture.id(), classes), dir);
    }
  }

  @Test
  void aSavedModelLoadsAndGivesTheSameLogits() throws IOException {
    saveInitialised(Architecture.RESNET20, 4);

    try (SavedModel loaded = SavedModel.load(dir);
        NDManager m = NDManager.newBaseManager()) {
      var out =
          loaded
              .model()
              .getBlock()
              .forward(
                  new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 3, 32, 32))), false)
              .singletonOrThrow();
      assertThat(out.getShape()).isEqualTo(new Shape(2, 4));
      assertThat(loaded.manifest().architecture()).isEqualTo("resnet20");
    }
  }

  @Test
  void weightsOfAnotherShapeAreRefusedAtLoadTime() throws IOException {
    saveInitialised(Architecture.SMALLCNN, 4);
    manifest("smallcnn", 7).writeTo(dir);

    assertThatThrownBy(() -> SavedModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("model-0000.params does not hold smallcnn weights");
  }

  @Test
  void aGarbageParameterFileIsRefusedWithItsName() throws IOException {
    manifest("smallcnn", 4).writeTo(dir);
    Files.write(dir.resolve(SavedModel.WEIGHTS_FILE), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    assertThatThrownBy(() -> SavedModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(SavedModel.WEIGHTS_FILE);
  }

  @Test
  void anUnknownArchitectureListsTheKnownOnes() throws IOException {
    manifest("vgg16", 4).writeTo(dir);
    Files.write(dir.resolve(SavedModel.WEIGHTS_FILE), new byte[] {0});

    assertThatThrownBy(() -> SavedModel.load(dir))
        .hasMessageContaining("architecture 'vgg16' is unknown")
        .hasMessageContaining("resnet20");
  }
}
