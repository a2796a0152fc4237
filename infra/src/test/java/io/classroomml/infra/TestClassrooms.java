package io.classroomml.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;

/**
 * The classrooms the tests synthesize, each built once per JVM (CDK synthesis through jsii takes
 * seconds) and shared by every test class that reads it.
 */
public final class TestClassrooms {

  /** The tests' account, region and image digests: one place for every test context. */
  public static final String ACCOUNT = "111122223333";

  public static final String REGION = "us-east-1";
  public static final String TRAINING_DIGEST = "sha256:" + "a".repeat(64);
  public static final String INFERENCE_DIGEST = "sha256:" + "b".repeat(64);
  static final String ALICE_MODEL = "training/alice--train-0a1b2c3d4e5f/output/model.tar.gz";

  private static Classroom serverless;
  private static Classroom realtime;
  private static Classroom notebooks;

  private TestClassrooms() {}

  /** The least a synth needs: the tests' account, region and digests, and {@code students}. */
  public static Map<String, Object> minimalContext(String students) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("account", ACCOUNT);
    context.put("region", REGION);
    context.put("students", students);
    context.put("trainingImageDigest", TRAINING_DIGEST);
    context.put("inferenceImageDigest", INFERENCE_DIGEST);
    return context;
  }

  /** The context every test classroom starts from (what a platform engineer would pass). */
  static Map<String, Object> baseContext() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("account", ACCOUNT);
    context.put("region", REGION);
    context.put("students", "alice=alice@uni.example,bob,carol");
    context.put("models", "alice=" + ALICE_MODEL);
    context.put("expiresAt", "2027-01-31T00:00:00Z");
    context.put("trainingImageDigest", TRAINING_DIGEST);
    context.put("inferenceImageDigest", INFERENCE_DIGEST);
    context.put("sharedData", "s3://course-data/cifar10@us-east-1");
    return context;
  }

  /** Three students, alice with a serverless endpoint, the default settings otherwise. */
  static synchronized Classroom serverless() {
    if (serverless == null) {
      serverless = build(baseContext());
    }
    return serverless;
  }

  /** Two students, alice with a real-time autoscaled endpoint; a dashboard per student. */
  static synchronized Classroom realtime() {
    if (realtime == null) {
      Map<String, Object> context = baseContext();
      context.put("students", "alice,bob");
      context.put("endpointMode", "realtime");
      context.put("endpointMaxCapacity", "3");
      context.put("studentDashboards", "true");
      context.remove("sharedData");
      realtime = build(context);
    }
    return realtime;
  }

  /** The serverless class with per-student Studio notebooks (studentNotebooks=true). */
  static synchronized Classroom notebooks() {
    if (notebooks == null) {
      Map<String, Object> context = baseContext();
      context.put("studentNotebooks", "true");
      notebooks = build(context);
    }
    return notebooks;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }

  /** Builds (without synthesizing) a classroom from {@code context} in a fresh directory. */
  static Classroom build(Map<String, Object> context) {
    try {
      Path out = Files.createTempDirectory("classroom-cdk-out");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(out)));
      // No construct stack traces: the CLI turns them off too, and they slow synthesis.
      App app =
          App.Builder.create().context(context).outdir(out.toString()).stackTraces(false).build();
      return Classroom.build(app);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
