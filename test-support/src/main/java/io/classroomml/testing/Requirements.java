package io.classroomml.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. A missing tool fails the test with the line that installs it
 * ({@code scripts/test} installs them all), so a green build has really run every test. Skipping
 * instead is opt-in: {@code -Dclassroom.allowMissingTools=true} or {@code
 * CLASSROOM_ALLOW_MISSING_TOOLS=true}.
 */
public final class Requirements {

  /** The system property that turns a missing tool into a skipped test. */
  public static final String ALLOW_MISSING_PROPERTY = "classroom.allowMissingTools";

  /** The environment variable that does the same. */
  public static final String ALLOW_MISSING_ENV = "CLASSROOM_ALLOW_MISSING_TOOLS";

  /** Where Debian's {@code dataset-fashion-mnist} puts the IDX files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private Requirements() {}

  /** The real Fashion-MNIST (Debian's package), or the test fails naming the package. */
  public static Path fashionMnist() {
    require(
        Files.isRegularFile(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz")),
        "the real Fashion-MNIST (" + FASHION_MNIST + ")",
        "apt-get install dataset-fashion-mnist");
    return FASHION_MNIST;
  }

  /** The OCI runtime the image tests run the built images with, or the test fails naming it. */
  public static void runc() {
    require(Processes.onPath("runc"), "runc", "apt-get install runc");
  }

  /**
   * Passes when {@code present}; otherwise fails the test with {@code install}, or skips it when
   * the user opted out.
   */
  public static void require(boolean present, String what, String install) {
    require(present, what, install, System.getProperties(), System.getenv());
  }

  static void require(
      boolean present,
      String what,
      String install,
      Properties properties,
      Map<String, String> env) {
    if (present) {
      return;
    }
    String message =
        what
            + " is missing: "
            + install
            + " (scripts/test installs it); to skip such tests instead, pass -D"
            + ALLOW_MISSING_PROPERTY
            + "=true or set "
            + ALLOW_MISSING_ENV
            + "=true";
    if (allowMissing(properties, env)) {
      Assumptions.abort(message);
    }
    Assertions.fail(message);
  }

  static boolean allowMissing(Properties properties, Map<String, String> env) {
    return isTrue(properties.getProperty(ALLOW_MISSING_PROPERTY))
        || isTrue(env.get(ALLOW_MISSING_ENV));
  }

  private static boolean isTrue(String value) {
    return value != null && value.toLowerCase(Locale.ROOT).matches("true|1|yes");
  }
}
