package io.classroomml.infra.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployTest {

  private static final String PUSHED =
      "-c trainingImageDigest="
          + TestRoots.TRAINING
          + " -c inferenceImageDigest="
          + TestRoots.INFERENCE
          + " -c trainingImageFlavor=gpu";

  @TempDir Path dir;

  /** Records each command; scripts/build-images answers with the digests it would print. */
  static final class RecordedCommands implements Commands {
    final List<List<String>> run = new ArrayList<>();

    @Override
    public String run(String step, List<String> command) {
      run.add(command);
      return command.get(0).equals(Deployer.BUILD_IMAGES) ? PUSHED + "\n" : "";
    }

    List<String> programs() {
      return run.stream().map(c -> String.join(" ", c.subList(0, Math.min(3, c.size())))).toList();
    }
  }

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private List<DeployStep> deploy(
      FakeAws aws, RecordedCommands commands, Deployer.Options options, String... c)
      throws Exception {
    ClassContext context = ClassContext.load(TestRoots.create(dir, Map.of()), List.of(c));
    return new Deployer(
            aws.clients(),
            context,
            Optional.of("us-east-1"),
            commands,
            new PrintStream(printed, true, StandardCharsets.UTF_8))
        .run(options);
  }

  private static Deployer.Options whole() {
    return new Deployer.Options(List.of(), List.of(), false);
  }

  @Test
  void fromZero_bootstrapsThenPlatformThenImagesThenStudents() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount().error("ssm", "GetParameter", 400, "ParameterNotFound", "none");
    RecordedCommands commands = new RecordedCommands();

    deploy(aws, commands, whole());

    assertThat(commands.programs())
        .containsExactly(
            "node_modules/.bin/cdk bootstrap aws://" + FakeAws.ACCOUNT + "/us-east-1",
            "node_modules/.bin/cdk deploy Classroom-Platform",
            "scripts/build-images --account " + FakeAws.ACCOUNT,
            "node_modules/.bin/cdk deploy Classroom-alice");
    assertThat(commands.run.get(1)).contains("stacks=platform", "account=" + FakeAws.ACCOUNT);
    assertThat(commands.run.get(1)).noneMatch(a -> a.contains("ImageDigest"));
    assertThat(commands.run.get(3))
        .contains(
            "Classroom-bob",
            "trainingImageDigest=" + TestRoots.TRAINING,
            "inferenceImageDigest=" + TestRoots.INFERENCE,
            "trainingImageFlavor=gpu",
            "region=us-east-1");
    assertThat(Files.readString(dir.resolve("cdk.context.json")))
        .contains(TestRoots.TRAINING, TestRoots.INFERENCE, "\"trainingImageFlavor\" : \"gpu\"");
    assertThat(aws.problems).isEmpty();
  }

  @Test
  void rerun_skipsBootstrapAndRunsTheIdempotentSteps() throws Exception {
    RecordedCommands commands = new RecordedCommands();

    deploy(FakeAws.readyAccount(), commands, whole());

    assertThat(commands.programs())
        .containsExactly(
            "node_modules/.bin/cdk deploy Classroom-Platform",
            "scripts/build-images --account " + FakeAws.ACCOUNT,
            "node_modules/.bin/cdk deploy Classroom-alice");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("skipped: aws://");
  }

  @Test
  void rerun_recordedImagesExpiredFromEcr_rebuildsThemRatherThanFailing() throws Exception {
    Files.writeString(
        dir.resolve("cdk.context.json"),
        "{\"trainingImageDigest\": \""
            + TestRoots.TRAINING
            + "\", \"inferenceImageDigest\": \""
            + TestRoots.INFERENCE
            + "\"}");
    FakeAws aws =
        FakeAws.readyAccount()
            .error("ecr", "DescribeImages", 400, "ImageNotFoundException", "expired");
    RecordedCommands commands = new RecordedCommands();

    deploy(aws, commands, whole());

    assertThat(commands.programs()).anyMatch(p -> p.startsWith("scripts/build-images"));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("TODO");
  }

  @Test
  void addedStudent_deploysOnlyThatStack() throws Exception {
    RecordedCommands commands = new RecordedCommands();

    deploy(
        FakeAws.readyAccount(),
        commands,
        new Deployer.Options(List.of("carol"), List.of(), true),
        "students=alice,bob,carol",
        "trainingImageDigest=" + TestRoots.TRAINING,
        "inferenceImageDigest=" + TestRoots.INFERENCE);

    List<String> students = commands.run.get(commands.run.size() - 1);
    assertThat(students)
        .contains("Classroom-carol")
        .doesNotContain("Classroom-alice", "Classroom-bob");
    assertThat(commands.programs()).noneMatch(p -> p.startsWith("scripts/build-images"));
  }

  @Test
  void failingPreflight_runsNoCommand_andSaysWhatToFix() throws Exception {
    RecordedCommands commands = new RecordedCommands();
    FakeAws aws = FakeAws.readyAccount();

    assertThatThrownBy(() -> deploy(aws, commands, whole(), "account=210987654321"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("preflight failed");
    assertThat(commands.run).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("FAIL", "210987654321");
  }

  @Test
  void unknownStudent_isRefusedNamingTheClass() throws Exception {
    assertThatThrownBy(
            () ->
                deploy(
                    FakeAws.readyAccount(),
                    new RecordedCommands(),
                    new Deployer.Options(List.of("carol"), List.of(), false)))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("carol")
        .hasMessageContaining("alice, bob");
  }

  @Test
  void buildImagesWithoutDigests_failsNamingTheStep() {
    assertThatThrownBy(() -> Deployer.parseDigests("pushed nothing\n"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("scripts/build-images printed no digests");
  }
}
