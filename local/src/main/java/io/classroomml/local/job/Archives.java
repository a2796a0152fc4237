package io.classroomml.local.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * {@code model.tar.gz} and {@code output.tar.gz} as SageMaker builds them: a gzip tar whose entries
 * are the folder's contents at the archive root (no {@code model/} prefix), and the reverse, as
 * SageMaker unpacks a model into {@code /opt/ml/model} for hosting.
 */
public final class Archives {

  private Archives() {}

  /**
   * Packs the contents of {@code dir} into {@code archive}; entries are sorted for stable bytes.
   */
  public static void pack(Path dir, Path archive) throws IOException {
    Files.createDirectories(archive.getParent());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> !p.equals(dir)).sorted().toList();
    }
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial));
        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path file : files) {
        String name = dir.relativize(file).toString().replace('\\', '/');
        TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(file)) {
          Files.copy(file, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    Files.move(partial, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Unpacks {@code archive} into {@code dir}; refuses entries that would land outside it. */
  public static void unpack(Path archive, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path root = dir.toAbsolutePath().normalize();
    try (InputStream in = Files.newInputStream(archive);
        GzipCompressorInputStream gz = new GzipCompressorInputStream(in);
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException(archive + ": entry " + entry.getName() + " leaves the folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The entry names of {@code archive}, in order. */
  public static List<String> list(Path archive) throws IOException {
    List<String> names = new java.util.ArrayList<>();
    try (InputStream in = Files.newInputStream(archive);
        GzipCompressorInputStream gz = new GzipCompressorInputStream(in);
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
