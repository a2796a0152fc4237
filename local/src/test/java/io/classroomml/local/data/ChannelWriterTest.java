package io.classroomml.local.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.ImageSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelWriterTest {

  @TempDir Path dir;

  @Test
  void colourImages_roundTripThroughTheTrainersReaderAsCifar() throws Exception {
    ImageSet images = SyntheticCifar10.generate(3, 1);
    ChannelWriter.write(images, dir.resolve("train"), false);
    ChannelWriter.write(images, dir.resolve("test"), true);
    ChannelData train = ChannelReader.read(dir.resolve("train"), 32);
    assertThat(train.train()).contains(images);
    assertThat(ChannelReader.read(dir.resolve("test"), 32).test()).contains(images);
  }

  @Test
  void greyImages_roundTripAsIdxWithClassNames() throws Exception {
    byte[] pixels = new byte[2 * 28 * 28];
    pixels[5] = 7;
    ImageSet images = new ImageSet(pixels, new int[] {1, 0}, 1, 28, 28, List.of("a", "b"));
    ChannelWriter.write(images, dir.resolve("v"), true);
    ImageSet back = ChannelReader.read(dir.resolve("v"), 32).test().orElseThrow();
    assertThat(back).isEqualTo(images);
    assertThat(ChannelWriter.record(images, 0))
        .hasSize(1 + 28 * 28)
        .startsWith(1, 0, 0, 0, 0, 0, 7);
  }
}
