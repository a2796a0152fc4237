package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cdk synth} through the real, pinned CDK CLI ({@code npm ci} installs it), with the app
 * command from cdk.json, offline and without credentials.
 */
class CdkCliSynthTest {

  private static final long TIMEOUT_SECONDS = 300;

  static Processes.Result synth(Path out, String... context)
      throws IOException, InterruptedException {
    Path root = RepoRoot.path();
    Path cdk = root.resolve("node_modules/.bin/cdk");
    if (!Files.isExecutable(cdk)) {
      throw new IllegalStateException(
          cdk
              + " is missing: run `npm ci` in the repository root to install the pinned AWS CDK"
              + " 2.x CLI (package.json)");
    }
    List<String> command = new ArrayList<>(List.of(cdk.toString(), "synth", "--quiet"));
    command.addAll(List.of("--output", out.toString()));
    for (String c : context) {
      command.addAll(List.of("--context", c));
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    Map<String, String> env = builder.environment();
    env.put("CDK_DISABLE_VERSION_CHECK", "true");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    env.remove("AWS_PROFILE");
    env.remove("AWS_ACCESS_KEY_ID");
    env.remove("AWS_SECRET_ACCESS_KEY");
    env.remove("AWS_SESSION_TOKEN");
    // The CLI runs the app as a child JVM: Processes kills the whole tree on timeout or interrupt.
    return Processes.run(builder, Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  private static String[] digests(String... more) {
    List<String> context = new ArrayList<>(List.of(testAccount(more)));
    context.add("trainingImageDigest=" + TestClassrooms.TRAINING_DIGEST);
    context.add("inferenceImageDigest=" + TestClassrooms.INFERENCE_DIGEST);
    return context.toArray(String[]::new);
  }

  /**
   * cdk.json names no account or region (they come from the credentials); without credentials here,
   * the test gives its own, unless {@code more} sets them.
   */
  private static String[] testAccount(String... more) {
    List<String> context = new ArrayList<>(List.of(more));
    if (context.stream().noneMatch(c -> c.startsWith("account="))) {
      context.add("account=" + TestClassrooms.ACCOUNT);
    }
    if (context.stream().noneMatch(c -> c.startsWith("region="))) {
      context.add("region=" + TestClassrooms.REGION);
    }
    return context.toArray(String[]::new);
  }

  @Test
  @Timeout(TIMEOUT_SECONDS + 60)
  void synth_platformAloneWithoutDigests_writesOnlyThePlatformStack(@TempDir Path out)
      throws Exception {
    Processes.Result result = synth(out, testAccount("stacks=platform"));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(out.resolve("Classroom-Platform.template.json")).isRegularFile();
    assertThat(out.resolve("Classroom-alice.template.json")).doesNotExist();
  }

  @Test
  @Timeout(TIMEOUT_SECONDS + 60)
  void synth_noDeployWithoutDigests_writesEveryStackAndTheEstimate_asDestroyAndCostEstimateDo(
      @TempDir Path out) throws Exception {
    Processes.Result result = synth(out, testAccount("stacks=no-deploy"));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("Classroom worst-case cost estimate");
    assertThat(out.resolve(Classroom.ESTIMATE_FILE)).isRegularFile();
    assertThat(Files.readString(out.resolve("Classroom-alice.template.json")))
        .contains(Classroom.NO_DEPLOY_PARAMETER);
  }

  /**
   * Two synths of one configuration in two JVMs write the same templates, byte for byte: a map
   * iterated in a per-JVM order (e.g. {@code Map.of}) would make every {@code cdk deploy} update
   * resources that did not change.
   */
  @Test
  @Timeout(2 * TIMEOUT_SECONDS + 60)
  void synth_twice_writesIdenticalTemplates(@TempDir Path first, @TempDir Path second)
      throws Exception {
    String[] context = digests("studentNotebooks=true", "studentDashboards=true");
    for (Path out : List.of(first, second)) {
      Processes.Result result = synth(out, context);
      assertThat(result.exit()).as(result.output()).isZero();
    }

    List<Path> templates;
    try (var files = Files.list(first)) {
      templates = files.filter(f -> f.getFileName().toString().endsWith(".template.json")).toList();
    }
    assertThat(templates).hasSizeGreaterThan(1);
    for (Path template : templates) {
      assertThat(Files.readString(second.resolve(template.getFileName())))
          .as(template.getFileName().toString())
          .isEqualTo(Files.readString(template));
    }
  }

  /** A Hyperband search, to show the spec file (not the built-in default) reaches the stacks. */
  private static final String HYPERBAND_SPEC =
      "{\"Strategy\": \"Hyperband\", \"HyperParameterTuningJobObjective\": {\"Type\":"
          + " \"Minimize\", \"MetricName\": \"validation:loss\"}, \"ResourceLimits\":"
          + " {\"MaxNumberOfTrainingJobs\": 6, \"MaxParallelTrainingJobs\": 2},"
          + " \"ParameterRanges\": {\"ContinuousParameterRanges\": [{\"Name\":"
          + " \"learning_rate\", \"MinValue\": \"0.01\", \"MaxValue\": \"0.2\","
          + " \"ScalingType\": \"Logarithmic\"}]}, \"StaticHyperParameters\": {\"epochs\":"
          + " \"12\"}}";

  @Test
  @Timeout(TIMEOUT_SECONDS + 60)
  void synth_withCdkJsonAndDigests_writesEveryStackAndTheEstimate(@TempDir Path out)
      throws Exception {
    Path spec =
        Files.writeString(out.resolveSibling(out.getFileName() + "-spec.json"), HYPERBAND_SPEC);
    Processes.Result result = synth(out, digests("students=alice,bob,dave", "tuningSpec=" + spec));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("Classroom worst-case cost estimate", "dave");
    for (String stack : List.of("Classroom-Platform", "Classroom-alice", "Classroom-dave")) {
      assertThat(out.resolve(stack + ".template.json")).isRegularFile();
    }
    assertThat(Files.readString(out.resolve(Classroom.ESTIMATE_FILE)))
        .contains("\"student\" : \"dave\"", "6 trials");
    assertThat(Files.readString(out.resolve("Classroom-dave.template.json")))
        .contains(
            "\\\"Strategy\\\":\\\"Hyperband\\\"", "\\\"MetricName\\\":\\\"validation:loss\\\"");
  }

  @Test
  @Timeout(TIMEOUT_SECONDS + 60)
  void synth_mistypedContextKey_failsWithTheKeyItProbablyMeant(@TempDir Path out) throws Exception {
    Processes.Result result = synth(out, digests("budgetUSD=5"));

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("'budgetUSD'", "did you mean 'budgetUsd'?");
    assertThat(out.resolve("Classroom-Platform.template.json")).doesNotExist();
  }

  @Test
  @Timeout(TIMEOUT_SECONDS + 60)
  void synth_invalidSetting_failsNamingTheKeyAndValue(@TempDir Path out) throws Exception {
    Processes.Result result = synth(out, digests("region=ap-south-1"));

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("context key 'region' = 'ap-south-1'", "us-east-1");
    assertThat(out.resolve("Classroom-Platform.template.json")).doesNotExist();
  }
}
