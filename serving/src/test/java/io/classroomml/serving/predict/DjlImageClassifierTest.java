package io.classroomml.serving.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.serving.testing.TinyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DjlImageClassifierTest {

  @Test
  void predict_classifiesTheTrainedColours_withRowsThatAreProbabilities() throws IOException {
    try (DjlImageClassifier classifier =
        DjlImageClassifier.load(TinyModel.directory(), 2, 4, Duration.ofSeconds(5))) {
      Random random = new Random(1);
      int count = 9; // more than maxBatch, so the request is split into three model calls
      byte[] pixels = new byte[count * 3072];
      for (int i = 0; i < count; i++) {
        System.arraycopy(TinyModel.pixels(i % 3, random), 0, pixels, i * 3072, 3072);
      }

      float[][] probabilities = classifier.predict(pixels, count);

      assertThat(probabilities).hasNumberOfRows(count);
      for (int i = 0; i < count; i++) {
        float sum = 0;
        int best = 0;
        for (int c = 0; c < 3; c++) {
          sum += probabilities[i][c];
          best = probabilities[i][c] > probabilities[i][best] ? c : best;
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(best).as("image %d", i).isEqualTo(i % 3);
      }
      assertThat(classifier.inputShape()).isEqualTo(new InputShape(3, 32, 32));
      assertThat(classifier.classNames()).isEqualTo(TinyModel.CLASSES);
    }
  }

  @Test
  void predictIfIdle_isEmptyWhileTheOnlyWorkerIsBusy_andAnswersOnceItIsFree() throws Exception {
    try (DjlImageClassifier classifier =
        DjlImageClassifier.load(TinyModel.directory(), 1, 32, Duration.ofSeconds(60))) {
      byte[] one = TinyModel.pixels(1, new Random(2));
      int many = 3000; // about a second of model time on one core
      CompletableFuture<float[][]> busy =
          CompletableFuture.supplyAsync(() -> classifier.predict(new byte[many * 3072], many));
      int refused = 0;
      while (!busy.isDone()) {
        if (classifier.predictIfIdle(one, 1).isEmpty()) {
          refused++;
        }
      }

      assertThat(busy.get()).hasNumberOfRows(many);
      assertThat(refused).as("calls refused while the worker ran the large batch").isPositive();
      assertThat(classifier.predictIfIdle(one, 1))
          .hasValueSatisfying(rows -> assertThat(rows).hasNumberOfRows(1));
    }
  }

  @Test
  void load_withoutManifest_namesTheMissingFile(@TempDir Path empty) {
    assertThatThrownBy(() -> DjlImageClassifier.load(empty, 1, 1, Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("manifest.json");
  }

  @Test
  void load_withCorruptWeights_saysWhichFileIsBad(@TempDir Path dir) throws IOException {
    TinyModel.manifest().writeTo(dir);
    Files.writeString(dir.resolve("model-0000.params"), "not weights");

    assertThatThrownBy(() -> DjlImageClassifier.load(dir, 1, 1, Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.toString());
  }
}
