package io.classroomml.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A gzip-compressed tar read with commons-compress (ustar, GNU and pax names, checksums), and its
 * failures as {@link DataFormatException}s that say what to do: the JDK reads gzip but not tar.
 */
final class TarGz {

  private TarGz() {}

  /** Opens {@code archive}; the stream's reads stay within the current entry. */
  static TarArchiveInputStream open(Path archive, int bufferSize) throws IOException {
    try {
      return new TarArchiveInputStream(
          new GZIPInputStream(
              new BufferedInputStream(Files.newInputStream(archive), bufferSize), bufferSize));
    } catch (IOException e) {
      throw damaged(archive, e);
    }
  }

  /** The next regular file (directories and links skipped), or {@code null} at the end. */
  static TarArchiveEntry nextFile(TarArchiveInputStream tar, Path archive) throws IOException {
    try {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile()) {
          return e;
        }
      }
      return null;
    } catch (IOException e) {
      throw damaged(archive, e);
    }
  }

  /**
   * {@code e} as a data-format error naming the archive; errors that are already one, and file
   * system errors (missing file, no permission), pass unchanged.
   */
  static IOException damaged(Path archive, IOException e) {
    if (e instanceof DataFormatException || e instanceof FileSystemException) {
      return e;
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      return new DataFormatException(
          archive,
          -1,
          "is not a complete, valid gzip file (" + e.getMessage() + ")",
          "upload the published "
              + Cifar10Format.ARCHIVE_NAME
              + " unchanged, or its extracted files",
          e);
    }
    return new DataFormatException(
        archive,
        -1,
        "is damaged or not a tar.gz (" + e.getMessage() + ")",
        "download it again or upload the extracted files",
        e);
  }
}
