package io.classroomml.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, where cdk.json, package.json, docs/ and node_modules live: the first folder
 * with a cdk.json at or above {@code classroom.repoRoot} (surefire sets it) or the working folder.
 */
public final class RepoRoot {

  private RepoRoot() {}

  /** The repository root. */
  public static Path path() {
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
