package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.classroomml.infra.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every context key at its edges, each configuration synthesized once and checked against AWS's
 * models: it synthesizes with zero findings, or synth refuses it with a ConfigException naming one
 * of the keys the configuration sets. A few configurations must be refused (AWS would fail the
 * deploy, or the key is mistyped).
 */
class ConfigurationMatrixTest {

  private static final String TEN_THRESHOLDS = "10,20,30,40,50,60,70,80,90,100";

  /**
   * @param name what the configuration exercises
   * @param overrides keys set on top of the base context (null removes a key)
   * @param mustRefuse whether synth has to refuse it
   */
  record Configuration(String name, Map<String, String> overrides, boolean mustRefuse) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Configuration> configurations() {
    return Stream.of(
        accepted("serverless endpoint, a model, shared data (the base class)", Map.of()),
        accepted(
            "real-time autoscaled endpoints to 10 instances, student dashboards, no shared data",
            with(
                "students", "alice,bob",
                "models", "alice=training/m/output/model.tar.gz,bob=tuning/t/x/output/model.tar.gz",
                "endpointMode", "realtime",
                "endpointMinCapacity", "1",
                "endpointMaxCapacity", "10",
                "studentDashboards", "true",
                "sharedData", null)),
        accepted(
            "one student, no model, no shared data, no expiry",
            with("students", "solo", "models", null, "sharedData", null, "expiresAt", null)),
        accepted(
            "an instance allow-list, on-demand training, ten budget thresholds",
            with(
                "allowedInstanceTypes", "ml.g4dn.xlarge,ml.m5.large",
                "trainingSpot", "false",
                "budgetUsd", "400",
                "budgetThresholds", TEN_THRESHOLDS)),
        accepted(
            "serverless at its largest, two transform instances",
            with(
                "serverlessMemoryMb", "6144",
                "serverlessMaxConcurrency", "200",
                "transformInstanceCount", "2",
                "budgetUsd", "2500")),
        accepted("a class of 20", with("students", largeClass(20), "models", null)),
        accepted(
            "ids at the length limit and of one letter, each with a model",
            with(
                "students",
                "abcdefghijkl,z,a1b2c3d4e5f6",
                "models",
                "abcdefghijkl=training/j/output/model.tar.gz,z=training/j/output/model.tar.gz")),
        accepted(
            "ids sharing prefixes",
            with(
                "students", "alice,alice-train,alice-b",
                "models",
                    "alice=training/j/output/model.tar.gz,alice-b=training/j/output/model.tar.gz")),
        accepted(
            "eu-west-1, the longest runs, a GPU endpoint in real time",
            with(
                "region", "eu-west-1",
                "sharedData", "s3://course-data-eu/cifar10@eu-west-1",
                "trainingMaxRuntimeSeconds", "86400",
                "trainingMaxWaitSeconds", "172800",
                "trainingVolumeGb", "200",
                "transformMaxRuntimeSeconds", "14400",
                "transformInstanceType", "ml.m5.xlarge",
                "endpointMode", "realtime",
                "endpointInstanceType", "ml.g4dn.xlarge",
                "budgetUsd", "5000")),
        accepted(
            "a tuning spec file, on-demand CPU training, no cdk-nag, the estimate elsewhere",
            with(
                "tuningSpec", tuningSpecFile(),
                "trainingInstanceType", "ml.m5.xlarge",
                "trainingSpot", "false",
                "costEstimateFile", estimateFile(),
                "cdkNag", "false")),
        accepted(
            "per-student Studio notebooks on two instance types, idle shutdown after 2 h",
            with(
                "studentNotebooks", "true",
                "notebookInstanceTypes", "ml.t3.medium,ml.m5.large",
                "notebookIdleMinutes", "120")),
        refused(
            "a notebook instance type the price table does not offer for notebooks",
            with(
                "studentNotebooks", "true", "notebookInstanceTypes", "ml.t3.medium,ml.p3.2xlarge")),
        accepted(
            "the platform stack alone, before any image exists",
            with("stacks", "platform", "trainingImageDigest", null, "inferenceImageDigest", null)),
        accepted(
            "three concurrent runs per pipeline, the CPU training image on a CPU instance",
            with(
                "maxConcurrentJobs", "3",
                "trainingImageFlavor", "cpu",
                "trainingInstanceType", "ml.m5.xlarge",
                "budgetUsd", "400")),
        refused(
            "the GPU training image on an instance without a GPU",
            with("trainingImageFlavor", "gpu", "trainingInstanceType", "ml.m5.xlarge")),
        refused(
            "eleven budget thresholds (AWS Budgets allows 10 notifications)",
            with("budgetThresholds", TEN_THRESHOLDS + ",110")),
        accepted(
            "two training instances per job",
            with("trainingInstanceCount", "2", "budgetUsd", "400")),
        refused("a mistyped key", with("budgetUSD", "5")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  @Timeout(600)
  void synthesizesWithZeroFindings_orIsRefusedNamingTheKey(Configuration configuration) {
    Map<String, Object> context = Classrooms.context(configuration.overrides());
    Assembly assembly;
    try {
      assembly = Classrooms.synthesize(context);
    } catch (ConfigException refused) {
      System.out.println(configuration + ": refused: " + refused.getMessage());
      assertThat(configuration.overrides().keySet())
          .as("refused with: %s", refused.getMessage())
          .contains(refused.key());
      assertThat(refused.getMessage()).contains(refused.key());
      return;
    }
    if (configuration.mustRefuse()) {
      fail(
          "synth accepted %s; it must refuse it naming one of %s",
          configuration, configuration.overrides().keySet());
    }
    List<Finding> findings = TemplateChecker.withDocumentedInputs(assembly).check();
    if (!findings.isEmpty()) {
      fail("%s synthesizes, but %s", configuration, Findings.report(findings));
    }
  }

  private static Configuration accepted(String name, Map<String, String> overrides) {
    return new Configuration(name, overrides, false);
  }

  private static Configuration refused(String name, Map<String, String> overrides) {
    return new Configuration(name, overrides, true);
  }

  /** Key/value pairs; a null value removes the key from the base context. */
  private static Map<String, String> with(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The built-in spec, given as a file the way a platform engineer passes their own. */
  private static String tuningSpecFile() {
    return ExecutionInputs.docsFolder()
        .resolveSibling(
            "contract/src/main/resources/io/classroomml/contract/tuning/default-tuning-spec.json")
        .toString();
  }

  private static String estimateFile() {
    try {
      Path file = Files.createTempFile("classroom-estimate", ".json");
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String largeClass(int size) {
    return IntStream.rangeClosed(1, size)
        .mapToObj(i -> String.format("student%02d", i))
        .collect(Collectors.joining(","));
  }
}
