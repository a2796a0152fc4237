package io.classroomml.datasets;

import static io.classroomml.datasets.IdxReader.IMAGES_MAGIC;
import static io.classroomml.datasets.IdxReader.LABELS_MAGIC;
import static io.classroomml.datasets.TestFiles.gzip;
import static io.classroomml.datasets.TestFiles.idxImages;
import static io.classroomml.datasets.TestFiles.idxLabels;
import static io.classroomml.datasets.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path channel;

  @Test
  void read_rawFiles_givesGreyImagesWithTheirLabels() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 3, 2, 4));
    write(channel.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 7, 0, 9));

    ChannelData data = ChannelReader.read(channel, 32);

    assertThat(data.format()).isEqualTo(DataFormat.IDX);
    ImageSet train = data.train().orElseThrow();
    assertThat(train.geometry()).isEqualTo("1x2x4");
    assertThat(train.labels()).containsExactly(7, 0, 9);
    assertThat(train.pixels()).hasSize(24);
    assertThat(train.pixels()[2 * 8 + 3]).isEqualTo((byte) (2 + 3)); // image 2, pixel 3
    assertThat(train.classNames()).isEqualTo(ClassNames.DIGITS);
    assertThat(data.test()).isEmpty();
  }

  @Test
  void read_gzippedFiles_matchRawFiles() throws IOException {
    Path raw = channel.resolve("raw");
    Path gz = channel.resolve("gz");
    byte[] images = idxImages(IMAGES_MAGIC, 5, 3, 3);
    byte[] labels = idxLabels(LABELS_MAGIC, 1, 2, 3, 4, 5);
    write(raw.resolve("t10k-images-idx3-ubyte"), images);
    write(raw.resolve("t10k-labels-idx1-ubyte"), labels);
    write(gz.resolve("t10k-images-idx3-ubyte.gz"), gzip(images));
    write(gz.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels));

    ChannelData fromGz = ChannelReader.read(gz, 32);

    assertThat(fromGz.test()).isPresent().isEqualTo(ChannelReader.read(raw, 32).test());
    assertThat(fromGz.train()).isEmpty();
  }

  @Test
  void read_mismatchedCounts_quotesBothNumbersAndBothFiles() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(IMAGES_MAGIC, 3, 2, 2)));
    write(channel.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(LABELS_MAGIC, 1, 2)));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte.gz declares 3 images")
        .hasMessageContaining("train-labels-idx1-ubyte.gz declares 2 labels");
  }

  @Test
  void read_swappedFiles_reportTheBadMagicNumber() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte"), idxLabels(LABELS_MAGIC, 1));
    write(channel.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 1));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte at byte 0")
        .hasMessageContaining("0x00000801")
        .hasMessageContaining("0x00000803");
  }

  @Test
  void read_badLabelMagic_namesTheLabelsFile() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 1, 2, 2));
    write(channel.resolve("train-labels-idx1-ubyte"), idxLabels(0x12345678, 1));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("train-labels-idx1-ubyte at byte 0")
        .hasMessageContaining("0x12345678");
  }

  @Test
  void read_truncatedImages_namesTheOffsetOfTheIncompleteImage() throws IOException {
    byte[] images = idxImages(IMAGES_MAGIC, 3, 2, 2);
    write(channel.resolve("train-images-idx3-ubyte.gz"), gzip(Arrays.copyOf(images, 16 + 4 + 2)));
    write(channel.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(LABELS_MAGIC, 1, 2, 3)));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte.gz at byte 20")
        .hasMessageContaining("image 1 of the 3");
  }

  @Test
  void read_extraBytesAfterDeclaredData_areAnError() throws IOException {
    byte[] labels = idxLabels(LABELS_MAGIC, 1, 2);
    write(channel.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 2, 1, 1));
    write(channel.resolve("train-labels-idx1-ubyte"), Arrays.copyOf(labels, labels.length + 1));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("train-labels-idx1-ubyte at byte 10")
        .hasMessageContaining("data after the 2 labels");
  }

  @Test
  void read_labelBeyondClassesFile_namesOffsetAndValue() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 2, 1, 1));
    write(channel.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 1, 2));
    Files.writeString(channel.resolve("classes.txt"), "zero\none\n");

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("train-labels-idx1-ubyte at byte 9")
        .hasMessageContaining("label 1 is 2")
        .hasMessageContaining("[zero, one]");
  }

  @Test
  void read_classesFile_namesTheClasses() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 2, 1, 1));
    write(channel.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 0, 1));
    Files.writeString(channel.resolve("classes.txt"), "cat\ndog\n");

    assertThat(ChannelReader.read(channel, 32).train().orElseThrow().classNames())
        .containsExactly("cat", "dog");
  }

  @Test
  void read_folderNamedFashion_isNotEnough_theNamesComeFromTheData() throws IOException {
    Path dir = channel.resolve("Fashion-MNIST");
    write(dir.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 1, 1, 1));
    write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 9));

    // the channel holds one folder: it is looked into
    ImageSet train = ChannelReader.read(channel, 32).train().orElseThrow();

    assertThat(train.classNames()).isEqualTo(ClassNames.DIGITS);
  }

  @Test
  void read_fashionMnistUnderAChannelName_isKnownByItsLabels() throws IOException {
    Path debian = Requirements.fashionMnist();
    Path dir = channel.resolve("train"); // as local mode and SageMaker link it
    Files.createDirectories(dir);
    for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Files.copy(debian.resolve(name), dir.resolve(name));
    }

    ImageSet test = IdxReader.readDirectory(dir).test().orElseThrow();

    assertThat(test.classNames()).isEqualTo(ClassNames.FASHION_MNIST);
    assertThat(test.classNames().get(9)).isEqualTo("Ankle boot");
  }

  @Test
  void read_imagesWithoutLabels_namesTheMissingFile() throws IOException {
    write(channel.resolve("t10k-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 1, 1, 1));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("t10k-labels-idx1-ubyte[.gz] is missing");
  }

  @Test
  void read_trainAndTestOfDifferentSizes_isAnError() throws IOException {
    write(channel.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 1, 2, 2));
    write(channel.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 1));
    write(channel.resolve("t10k-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 1, 3, 3));
    write(channel.resolve("t10k-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 1));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("holds 3x3 images but train-images-idx3-ubyte holds 2x2");
  }

  @Test
  void read_pathWithFashionIgnoredWhenClassesFileExists() throws IOException {
    Path dir = channel.resolve("fashion");
    write(dir.resolve("train-images-idx3-ubyte"), idxImages(IMAGES_MAGIC, 1, 1, 1));
    write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS_MAGIC, 0));
    Files.writeString(dir.resolve("classes.txt"), "only\n");

    assertThat(IdxReader.readDirectory(dir).train().orElseThrow().classNames())
        .isEqualTo(List.of("only"));
  }
}
