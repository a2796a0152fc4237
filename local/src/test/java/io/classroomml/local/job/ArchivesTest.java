package io.classroomml.local.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

  @TempDir Path dir;

  @Test
  void pack_putsTheFolderContentsAtTheArchiveRoot() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("manifest.json"), "{}");
    Files.createDirectories(model.resolve("extra"));
    Files.writeString(model.resolve("extra/notes.txt"), "n");
    Path archive = dir.resolve("out/model.tar.gz");
    Archives.pack(model, archive);
    assertThat(Archives.list(archive))
        .containsExactly("extra/", "extra/notes.txt", "manifest.json");
    Path back = dir.resolve("back");
    Archives.unpack(archive, back);
    assertThat(Files.readString(back.resolve("manifest.json"))).isEqualTo("{}");
    assertThat(Files.readString(back.resolve("extra/notes.txt"))).isEqualTo("n");
  }

  @Test
  void unpack_refusesEntriesThatLeaveTheFolder() throws IOException {
    Path archive = dir.resolve("evil.tar.gz");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      TarArchiveEntry entry = new TarArchiveEntry("../escape.txt");
      entry.setSize(1);
      tar.putArchiveEntry(entry);
      tar.write('x');
      tar.closeArchiveEntry();
    }
    assertThatThrownBy(() -> Archives.unpack(archive, dir.resolve("target")))
        .hasMessageContaining("leaves the folder");
    assertThat(dir.resolve("escape.txt")).doesNotExist();
  }
}
