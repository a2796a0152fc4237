package io.classroomml.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report files atomically (temp file, then rename) so a job killed mid-write never leaves a
 * half-written report behind, and remembers what it wrote.
 */
final class ReportFiles {

  private final Path dir;
  private final List<Path> written = new ArrayList<>();

  ReportFiles(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  void write(String name, byte[] bytes) throws IOException {
    Path target = dir.resolve(name);
    Path temp = dir.resolve("." + name + ".tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    written.add(target);
  }

  void write(String name, String text) throws IOException {
    write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  List<Path> written() {
    return List.copyOf(written);
  }
}
