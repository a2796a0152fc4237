package io.classroomml.datasets;

import static io.classroomml.datasets.TestFiles.cifarPixel;
import static io.classroomml.datasets.TestFiles.cifarRecords;
import static io.classroomml.datasets.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {

  @TempDir Path channel;

  @Test
  void read_batchesInChannel_areTrainAndTestInFileOrder() throws IOException {
    write(channel.resolve("data_batch_1.bin"), cifarRecords(3, 9));
    write(channel.resolve("data_batch_2.bin"), cifarRecords(0));
    write(channel.resolve("data_batch_3.bin"), cifarRecords(1));
    write(channel.resolve("data_batch_4.bin"), cifarRecords(2));
    write(channel.resolve("data_batch_5.bin"), cifarRecords(4, 5, 6));
    write(channel.resolve("test_batch.bin"), cifarRecords(7, 8));

    ChannelData data = ChannelReader.read(channel, 32);

    assertThat(data.format()).isEqualTo(DataFormat.CIFAR10);
    assertThat(data.warnings()).isEmpty();
    ImageSet train = data.train().orElseThrow();
    assertThat(train.labels()).containsExactly(3, 9, 0, 1, 2, 4, 5, 6);
    assertThat(train.geometry()).isEqualTo("3x32x32");
    assertThat(train.classNames()).isEqualTo(ClassNames.CIFAR10);
    // record 1 of data_batch_1: pixels are already CHW, copied verbatim
    assertThat(train.pixels()[3072 + 0]).isEqualTo(cifarPixel(1, 0));
    assertThat(train.pixels()[3072 + 1024 + 5]).isEqualTo(cifarPixel(1, 1024 + 5));
    assertThat(data.test().orElseThrow().labels()).containsExactly(7, 8);
  }

  @Test
  void read_metaFile_namesTheClasses() throws IOException {
    write(channel.resolve("data_batch_1.bin"), cifarRecords(0));
    List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    Files.writeString(channel.resolve("batches.meta.txt"), String.join("\n", names) + "\n\n");

    assertThat(ChannelReader.read(channel, 32).train().orElseThrow().classNames()).isEqualTo(names);
  }

  @Test
  void read_metaFileWithWrongCount_namesTheFile() throws IOException {
    write(channel.resolve("data_batch_1.bin"), cifarRecords(0));
    Files.writeString(channel.resolve("batches.meta.txt"), "cat\ndog\n");

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("batches.meta.txt")
        .hasMessageContaining("lists 2 class names");
  }

  @Test
  void read_truncatedFile_namesFileAndOffsetOfIncompleteRecord() throws IOException {
    byte[] records = cifarRecords(1, 2, 3);
    Path file = write(channel.resolve("data_batch_1.bin"), Arrays.copyOf(records, 2 * 3073 + 100));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOfSatisfying(
            DataFormatException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.offset()).isEqualTo(OptionalLong.of(6146));
            })
        .hasMessageContaining("data_batch_1.bin at byte 6146")
        .hasMessageContaining("only 100 bytes");
  }

  @Test
  void read_labelOfTen_namesFileOffsetAndValue() throws IOException {
    write(channel.resolve("data_batch_1.bin"), cifarRecords(0));
    write(channel.resolve("test_batch.bin"), cifarRecords(1, 10));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("test_batch.bin at byte 3073")
        .hasMessageContaining("label 10");
  }

  @Test
  void read_missingLaterBatch_readsTheRestAndWarns() throws IOException {
    write(channel.resolve("data_batch_1.bin"), cifarRecords(0));
    write(channel.resolve("data_batch_2.bin"), cifarRecords(1));

    ChannelData data = ChannelReader.read(channel, 32);

    assertThat(data.train().orElseThrow().labels()).containsExactly(0, 1);
    assertThat(data.test()).isEmpty();
    assertThat(data.warnings())
        .singleElement()
        .asString()
        .contains("data_batch_3.bin, data_batch_4.bin, data_batch_5.bin")
        .contains("2 of 5");
  }

  @Test
  void read_missingFirstBatch_fails() throws IOException {
    write(channel.resolve("data_batch_2.bin"), cifarRecords(1));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("data_batch_1.bin")
        .hasMessageContaining("is missing");
  }

  @Test
  void read_onlyTestBatch_isATestChannel() throws IOException {
    write(channel.resolve("test_batch.bin"), cifarRecords(5));

    ChannelData data = ChannelReader.read(channel, 32);

    assertThat(data.train()).isEmpty();
    assertThat(data.test().orElseThrow().labels()).containsExactly(5);
  }

  @Test
  void read_batchesFolderInChannel_isRead() throws IOException {
    write(channel.resolve("cifar-10-batches-bin/data_batch_1.bin"), cifarRecords(6));
    write(channel.resolve("cifar-10-batches-bin/test_batch.bin"), cifarRecords(7));
    write(channel.resolve("readme.html"), new byte[] {1});

    ChannelData data = ChannelReader.read(channel, 32);

    assertThat(data.train().orElseThrow().labels()).containsExactly(6);
    assertThat(data.test().orElseThrow().labels()).containsExactly(7);
  }

  @Test
  void read_publishedArchive_givesTheSameDataAsExtractedFiles() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("cifar-10-batches-bin/batches.meta.txt", metaBytes());
    for (int b = 1; b <= 5; b++) {
      files.put("cifar-10-batches-bin/data_batch_" + b + ".bin", cifarRecords(b, b + 1));
    }
    files.put("cifar-10-batches-bin/test_batch.bin", cifarRecords(9, 8, 7));
    files.put("cifar-10-batches-bin/readme.html", "<html/>".getBytes(StandardCharsets.UTF_8));
    Path archiveChannel = channel.resolve("archive");
    write(archiveChannel.resolve("cifar-10-binary.tar.gz"), TestFiles.tarGz(files));
    Path extractedChannel = channel.resolve("extracted");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      write(extractedChannel.resolve(file.getKey()), file.getValue());
    }

    ChannelData fromArchive = ChannelReader.read(archiveChannel, 32);
    ChannelData fromFolder = ChannelReader.read(extractedChannel, 32);

    assertThat(fromArchive.train().orElseThrow().labels())
        .containsExactly(1, 2, 2, 3, 3, 4, 4, 5, 5, 6);
    assertThat(fromArchive.train()).isEqualTo(fromFolder.train());
    assertThat(fromArchive.test()).isEqualTo(fromFolder.test());
    assertThat(fromArchive.train().orElseThrow().classNames().get(0)).isEqualTo("c0");
  }

  @Test
  void read_truncatedBatchInsideArchive_namesArchiveEntryAndOffset() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("cifar-10-batches-bin/data_batch_1.bin", Arrays.copyOf(cifarRecords(1, 2), 3073 + 5));
    write(channel.resolve("cifar-10-binary.tar.gz"), TestFiles.tarGz(files));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cifar-10-binary.tar.gz!/cifar-10-batches-bin/data_batch_1.bin")
        .hasMessageContaining("at byte 3073");
  }

  @Test
  void read_archiveThatIsNotGzip_saysSo() throws IOException {
    write(channel.resolve("cifar-10-binary.tar.gz"), "not gzip at all".getBytes());

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cifar-10-binary.tar.gz")
        .hasMessageContaining("gzip");
  }

  @Test
  void read_gzipThatIsNotATar_saysTheArchiveIsDamaged() throws IOException {
    byte[] notTar = new byte[1024];
    Arrays.fill(notTar, (byte) 'x');
    write(channel.resolve("cifar-10-binary.tar.gz"), TestFiles.gzip(notTar));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cifar-10-binary.tar.gz")
        .hasMessageContaining("is damaged or not a tar.gz");
  }

  @Test
  void read_archiveWithPaxLongNames_findsTheBatches() throws IOException {
    String deep = "a/" + "very-long-folder-name/".repeat(8) + "cifar-10-batches-bin/";
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(tar))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      byte[] batch = cifarRecords(4, 2);
      TarArchiveEntry entry = new TarArchiveEntry(deep + "data_batch_1.bin");
      entry.setSize(batch.length);
      out.putArchiveEntry(entry);
      out.write(batch);
      out.closeArchiveEntry();
    }
    write(channel.resolve("cifar-10-binary.tar.gz"), tar.toByteArray());

    assertThat(ChannelReader.read(channel, 32).train().orElseThrow().labels())
        .containsExactly(4, 2);
  }

  @Test
  void read_cutOffArchive_isADataFormatError() throws IOException {
    Map<String, byte[]> files = Map.of("cifar-10-batches-bin/data_batch_1.bin", cifarRecords(1));
    byte[] archive = TestFiles.tarGz(files);
    write(channel.resolve("cifar-10-binary.tar.gz"), Arrays.copyOf(archive, archive.length / 2));

    assertThatThrownBy(() -> ChannelReader.read(channel, 32))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cifar-10-binary.tar.gz");
  }

  @Test
  void readBatchFile_readsOneFileWithPublishedNames() throws IOException {
    Path file = write(channel.resolve("x.bin"), cifarRecords(4));
    ImageSet set = Cifar10Reader.readBatchFile(file);
    assertThat(set.labels()).containsExactly(4);
    assertThat(set.classNames().get(4)).isEqualTo("deer");
  }

  private static byte[] metaBytes() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("c").append(i).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
