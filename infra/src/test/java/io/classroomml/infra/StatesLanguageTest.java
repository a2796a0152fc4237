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
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/**
 * Every pipeline's definition is valid Amazon States Language, checked by the maintained {@code
 * asl-validator} (pinned in package.json, installed by {@code npm ci}): states, transitions, paths,
 * intrinsic functions and resource ARNs.
 */
class StatesLanguageTest {

  static Path validator() {
    Path bin = RepoRoot.path().resolve("node_modules/.bin/asl-validator");
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException(
          bin
              + " is missing: run `npm ci` in the repository root (it installs the pinned"
              + " asl-validator and aws-cdk CLI)");
    }
    return bin;
  }

  static String validate(Path... files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(validator().toString()));
    for (Path file : files) {
      command.add("--json-path");
      command.add(file.toString());
    }
    Processes.Result result = Processes.run(command, RepoRoot.path(), Duration.ofSeconds(60));
    return result.exit() + "\n" + result.output();
  }

  @Test
  void everyPipelineDefinition_isValidStatesLanguage(@TempDir Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    for (Classroom classroom : List.of(TestClassrooms.serverless(), TestClassrooms.realtime())) {
      Template template = Template.fromStack(classroom.students().get(0));
      for (Map.Entry<String, String> e : Definitions.of(template).entrySet()) {
        Path file =
            dir.resolve(classroom.config().endpoint().mode().id() + "-" + e.getKey() + ".json");
        Files.writeString(file, e.getValue());
        files.add(file);
      }
    }
    assertThat(files).hasSize(6);

    String result = validate(files.toArray(Path[]::new));

    assertThat(result).startsWith("0\n");
  }

  @Test
  void validator_rejectsABrokenDefinition(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken, "{\"StartAt\": \"Train\", \"States\": {\"Train\": {\"Type\": \"Task\"}}}");

    String result = validate(broken);

    assertThat(result).doesNotStartWith("0\n");
  }
}
