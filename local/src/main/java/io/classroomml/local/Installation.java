package io.classroomml.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the runnable container jars are: {@code training/target/classroom-training.jar} and {@code
 * serving/target/classroom-serving.jar} under the project root, each with its {@code lib/}. Local
 * mode runs those real entrypoints, never copies of their code.
 *
 * @param root the project root
 */
public record Installation(Path root) {

  /** System property naming the project root (set by {@code scripts/local}). */
  public static final String ROOT_PROPERTY = "classroom.home";

  /**
   * The root from {@link #ROOT_PROPERTY}, else two levels above this jar ({@code local/target}).
   */
  public static Installation locate() {
    String property = System.getProperty(ROOT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return new Installation(Path.of(property).toAbsolutePath().normalize());
    }
    try {
      Path code =
          Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // local/target/classroom-local.jar or local/target/classes -> project root
      return new Installation(code.getParent().getParent().getParent().toAbsolutePath());
    } catch (URISyntaxException | NullPointerException e) {
      return new Installation(Path.of("").toAbsolutePath());
    }
  }

  /** The training container's runnable jar. */
  public Path trainingJar() {
    return require(root.resolve("training/target/classroom-training.jar"), "training");
  }

  /** The inference container's runnable jar. */
  public Path inferenceJar() {
    return require(root.resolve("serving/target/classroom-serving.jar"), "serving");
  }

  /** The {@code java} that runs this JVM, so children use the same one. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static Path require(Path jar, String module) {
    if (!Files.isRegularFile(jar)) {
      throw new LocalException(
          jar
              + " does not exist; build it first: ./mvnw -B -q -DskipTests -pl "
              + module
              + " -am package (scripts/local-run does this for you)");
    }
    return jar;
  }
}
