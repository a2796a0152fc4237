package io.classroomml.datasets;

import static io.classroomml.datasets.ImagePreprocessorTest.encode;
import static io.classroomml.datasets.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

  @TempDir Path channel;

  private static BufferedImage solid(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  private void png(String path, int width, int height, int rgb) throws IOException {
    write(channel.resolve(path), encode(solid(width, height, rgb), "png"));
  }

  private void jpeg(String path, int width, int height, int rgb) throws IOException {
    write(channel.resolve(path), encode(solid(width, height, rgb), "jpg"));
  }

  @Test
  void read_classFolders_sortedNamesAreClassesAndImagesAreResized() throws IOException {
    png("zebra/a.png", 40, 30, 0xff0000);
    jpeg("zebra/b.JPG", 100, 200, 0xff0000);
    png("ant/only.PNG", 7, 7, 0x0000ff);

    ChannelData data = ChannelReader.read(channel, 16);

    assertThat(data.format()).isEqualTo(DataFormat.IMAGE_FOLDER);
    assertThat(data.test()).isEmpty();
    ImageSet set = data.train().orElseThrow();
    assertThat(set.classNames()).containsExactly("ant", "zebra");
    assertThat(set.geometry()).isEqualTo("3x16x16");
    assertThat(set.labels()).containsExactly(0, 1, 1);
    // image 0 (ant, blue): R plane 0, B plane 255
    assertThat(set.pixels()[0] & 0xff).isZero();
    assertThat(set.pixels()[2 * 256] & 0xff).isEqualTo(255);
    // image 2 (the JPEG, red): R close to 255
    assertThat(set.pixels()[2 * set.imageBytes()] & 0xff).isGreaterThan(240);
  }

  @Test
  void read_hiddenFilesAreSkippedAndOtherFilesWarned() throws IOException {
    png("cats/a.png", 8, 8, 0x808080);
    png("dogs/b.png", 8, 8, 0x404040);
    write(channel.resolve("dogs/.DS_Store"), new byte[] {1, 2, 3});
    png(".hidden/c.png", 8, 8, 0);
    write(channel.resolve("dogs/notes.txt"), "about dogs".getBytes());

    ChannelData data = ChannelReader.read(channel, 8);

    assertThat(data.train().orElseThrow().size()).isEqualTo(2);
    assertThat(data.train().orElseThrow().classNames()).containsExactly("cats", "dogs");
    assertThat(data.warnings()).singleElement().asString().contains("notes.txt");
  }

  @Test
  void read_trainAndTestSplit_isHonouredWithTheTrainingLabels() throws IOException {
    png("train/a/1.png", 8, 8, 0);
    png("train/b/1.png", 8, 8, 0);
    png("train/c/1.png", 8, 8, 0);
    png("test/c/1.png", 8, 8, 0);

    ChannelData data = ChannelReader.read(channel, 8);

    assertThat(data.train().orElseThrow().labels()).containsExactly(0, 1, 2);
    ImageSet test = data.test().orElseThrow();
    assertThat(test.labels()).containsExactly(2);
    assertThat(test.classNames()).containsExactly("a", "b", "c");
  }

  @Test
  void read_validationFolderServesAsTestSplit() throws IOException {
    png("train/a/1.png", 8, 8, 0);
    png("train/b/1.png", 8, 8, 0);
    png("validation/a/1.png", 8, 8, 0);

    assertThat(ChannelReader.read(channel, 8).test().orElseThrow().labels()).containsExactly(0);
  }

  @Test
  void read_testClassUnknownToTraining_isAnError() throws IOException {
    png("train/a/1.png", 8, 8, 0);
    png("train/b/1.png", 8, 8, 0);
    png("test/x/1.png", 8, 8, 0);

    assertThatThrownBy(() -> ChannelReader.read(channel, 8))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("test/x")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void read_corruptImage_namesTheFile() throws IOException {
    png("cats/good.png", 8, 8, 0);
    png("dogs/good.png", 8, 8, 0);
    Path bad = write(channel.resolve("dogs/broken.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1});

    assertThatThrownBy(() -> ChannelReader.read(channel, 8))
        .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.file()).isEqualTo(bad))
        .hasMessageContaining("broken.jpg")
        .hasMessageContaining("could not be decoded as JPEG");
  }

  @Test
  void read_severalCorruptImages_areAllListed() throws IOException {
    png("cats/good.png", 8, 8, 0);
    write(channel.resolve("cats/x.png"), "x".getBytes());
    write(channel.resolve("dogs/y.png"), "y".getBytes());

    assertThatThrownBy(() -> ChannelReader.read(channel, 8))
        .hasMessageContaining("x.png")
        .hasMessageContaining("1 more files failed too")
        .hasMessageContaining("y.png");
  }

  @Test
  void read_singleClass_isAnError() throws IOException {
    png("cats/a.png", 8, 8, 0);
    png("cats/b.png", 8, 8, 0);
    Files.createDirectories(channel.resolve("cats/more")); // a second level is not a class

    // one folder: the reader looks into it and finds images with no class folders
    assertThatThrownBy(() -> ImageFolderReader.readDirectory(channel, 8))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("has 1 class folders [cats]")
        .hasMessageContaining("at least 2");
  }

  @Test
  void read_emptyClass_namesTheFolder() throws IOException {
    png("cats/a.png", 8, 8, 0);
    Files.createDirectories(channel.resolve("dogs"));

    assertThatThrownBy(() -> ChannelReader.read(channel, 8))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dogs")
        .hasMessageContaining("holds no JPEG or PNG images");
  }

  @Test
  void read_imagesInNestedFoldersOfAClass_belongToIt() throws IOException {
    png("cats/2020/a.png", 8, 8, 0);
    png("cats/2021/b.png", 8, 8, 0);
    png("dogs/c.png", 8, 8, 0);

    assertThat(ChannelReader.read(channel, 8).train().orElseThrow().labels())
        .containsExactly(0, 0, 1);
  }
}
