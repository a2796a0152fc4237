package io.classroomml.infra.aws;

import io.classroomml.infra.Classroom;
import io.classroomml.infra.TestClassrooms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;

/**
 * Synthesizes classrooms for the AWS-model tests, each context once per JVM (jsii synthesis takes
 * seconds per classroom), into temporary cloud assembly folders removed at exit.
 */
final class Classrooms {

  static final String ACCOUNT = TestClassrooms.ACCOUNT;
  static final String REGION = TestClassrooms.REGION;
  private static final Map<Map<String, Object>, Assembly> BUILT = new ConcurrentHashMap<>();

  private Classrooms() {}

  /** What a platform engineer passes: three students, one model, shared data, an expiry. */
  static Map<String, Object> baseContext() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("account", ACCOUNT);
    context.put("region", REGION);
    context.put("students", "alice=alice@uni.example,bob,carol");
    context.put("models", "alice=training/alice-train-0a1b2c3d4e5f/output/model.tar.gz");
    context.put("expiresAt", "2027-01-31T00:00:00Z");
    context.put("trainingImageDigest", TestClassrooms.TRAINING_DIGEST);
    context.put("inferenceImageDigest", TestClassrooms.INFERENCE_DIGEST);
    context.put("sharedData", "s3://course-data/cifar10@us-east-1");
    return context;
  }

  /** The base context with {@code overrides} applied (a null value removes the key). */
  static Map<String, Object> context(Map<String, String> overrides) {
    Map<String, Object> context = baseContext();
    overrides.forEach(
        (k, v) -> {
          if (v == null) {
            context.remove(k);
          } else {
            context.put(k, v);
          }
        });
    return context;
  }

  /**
   * The synthesized assembly of {@code context}.
   *
   * @throws io.classroomml.infra.config.ConfigException when synth refuses the configuration
   */
  static Assembly synthesize(Map<String, Object> context) {
    Assembly cached = BUILT.get(context);
    if (cached != null) {
      return cached;
    }
    Assembly assembly = Assembly.of(Classroom.build(app(context)));
    BUILT.put(Map.copyOf(context), assembly);
    return assembly;
  }

  private static App app(Map<String, Object> context) {
    try {
      Path out = Files.createTempDirectory("classroom-aws-check");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(out)));
      return App.Builder.create()
          .context(context)
          .outdir(out.toString())
          .stackTraces(false)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary folder
    }
  }
}
