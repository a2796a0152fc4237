package io.classroomml.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where cdk.json, package.json and node_modules live. */
final class RepoRoot {

  private RepoRoot() {}

  static Path path() {
    String configured = System.getProperty("classroom.repoRoot");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("cdk.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no cdk.json above " + start);
  }
}
