package io.classroomml.datasets;

import static io.classroomml.datasets.TestFiles.cifarRecords;
import static io.classroomml.datasets.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelReaderTest {

  @TempDir Path channel;

  @Test
  void read_unknownContent_listsWhatWasFoundAndTheAcceptedLayouts() throws IOException {
    write(channel.resolve("data.csv"), "a,b".getBytes());
    write(channel.resolve("model.pt"), new byte[] {1});

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOfSatisfying(
            DataFormatException.class, e -> assertThat(e.file()).isEqualTo(channel))
        .hasMessageContaining("data.csv, model.pt")
        .hasMessageContaining("CIFAR-10 binary")
        .hasMessageContaining("IDX")
        .hasMessageContaining("image folders");
  }

  @Test
  void read_emptyChannel_saysItIsEmpty() {
    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void read_missingDirectory_namesIt() {
    Path missing = channel.resolve("nope");
    assertThatThrownBy(() -> ChannelReader.read(missing, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void read_imagesWithoutClassFolders_saysToMakeThem() throws IOException {
    write(channel.resolve("a.jpg"), new byte[] {1});

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("one sub-folder per class");
  }

  @Test
  void read_singleClassFolder_saysTwoClassesAreNeeded() throws IOException {
    write(channel.resolve("cats/a.png"), new byte[] {1});

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("has 1 class folders [cats]");
  }

  @Test
  void read_oneExtraFolderLevel_isLookedInto() throws IOException {
    write(channel.resolve("my-upload/data_batch_1.bin"), cifarRecords(2));

    assertThat(ChannelReader.read(channel, 32).train().orElseThrow().labels()).containsExactly(2);
  }

  @Test
  void read_extractedBatchesWinOverAnArchive_withAWarning() throws IOException {
    write(channel.resolve("data_batch_1.bin"), cifarRecords(2));
    write(channel.resolve("cifar-10-binary.tar.gz"), new byte[] {1});

    ChannelData data = ChannelReader.read(channel, 32);

    assertThat(data.train().orElseThrow().labels()).containsExactly(2);
    assertThat(data.warnings()).anyMatch(w -> w.contains("ignored [cifar-10-binary.tar.gz]"));
  }

  @Test
  void read_twoArchives_isAnError() throws IOException {
    write(channel.resolve("a.tar.gz"), new byte[] {1});
    write(channel.resolve("b.tgz"), new byte[] {1});

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("holds 2 archives [a.tar.gz, b.tgz]");
  }

  @Test
  void read_emptyBatchesFolder_namesIt() throws IOException {
    Files.createDirectories(channel.resolve("cifar-10-batches-bin"));
    write(channel.resolve("cifar-10-batches-bin/readme.html"), new byte[] {1});

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .hasMessageContaining("cifar-10-batches-bin")
        .hasMessageContaining("holds no CIFAR-10 batch files");
  }
}
