package io.classroomml.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.datasets.ImageSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSourceTest {

  /** 50 one-pixel images whose pixel value is the image index. */
  private static ImageSet indexed() {
    byte[] px = new byte[50];
    int[] labels = new int[50];
    for (int i = 0; i < 50; i++) {
      px[i] = (byte) i;
      labels[i] = i % 2;
    }
    return new ImageSet(px, labels, 1, 1, 1, List.of("even", "odd"));
  }

  private static List<List<Integer>> collect(int startEpoch, int startStep, int endEpoch, long seed)
      throws InterruptedException {
    List<List<Integer>> batches = new ArrayList<>();
    int steps = BatchSource.stepsPerEpoch(50, 16, 0);
    int count = (endEpoch - startEpoch) * steps - startStep;
    try (BatchSource source =
        new BatchSource(
            indexed(), 16, Augmentation.NONE, seed, startEpoch, startStep, endEpoch, 0)) {
      for (int i = 0; i < count; i++) {
        HostBatch b = source.next();
        List<Integer> images = new ArrayList<>();
        for (int j = 0; j < b.count(); j++) {
          int image = b.pixels().get(j);
          images.add(image);
          assertThat(b.labels()[j]).isEqualTo(image % 2);
        }
        batches.add(images);
        source.release(b);
      }
    }
    return batches;
  }

  @Test
  void anEpochVisitsEveryImageOnceAndKeepsTheLastPartialBatch() throws Exception {
    List<List<Integer>> epoch = collect(0, 0, 1, 7);

    assertThat(epoch).hasSize(4);
    assertThat(epoch.get(3)).hasSize(2);
    Set<Integer> seen = new HashSet<>();
    epoch.forEach(seen::addAll);
    assertThat(seen).hasSize(50);
  }

  @Test
  void epochsAreShuffledDifferently() throws Exception {
    List<List<Integer>> two = collect(0, 0, 2, 7);

    assertThat(two.subList(0, 4)).isNotEqualTo(two.subList(4, 8));
  }

  @Test
  void aResumedSourceContinuesWithTheSameBatches() throws Exception {
    List<List<Integer>> full = collect(0, 0, 2, 7);
    List<List<Integer>> resumed = collect(1, 2, 2, 7);

    assertThat(resumed).isEqualTo(full.subList(6, 8));
  }

  @Test
  void aSingleImageTailIsDroppedBecauseBatchNormNeedsTwo() {
    assertThat(BatchSource.stepsPerEpoch(33, 16, 0)).isEqualTo(2);
    assertThat(BatchSource.stepsPerEpoch(34, 16, 0)).isEqualTo(3);
    assertThat(BatchSource.stepsPerEpoch(34, 16, 1)).isEqualTo(1);
  }
}
