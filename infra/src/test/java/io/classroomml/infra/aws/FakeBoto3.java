package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.Processes;
import io.classroomml.testing.aws.AwsModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one of the stacks' Python functions (teardown.py, domain_cleanup.py) with python3 against
 * fake_boto3_harness.py, a boto3 that records every request and plays the AWS side, in the
 * environment the synthesized stack gives the function. The harness prints what it recorded as one
 * line of JSON, last.
 */
final class FakeBoto3 {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private FakeBoto3() {}

  /**
   * Runs {@code source} (the function's Python) in {@code dir}.
   *
   * @param args the harness's arguments after the script and the environment (e.g. {@code domain})
   * @return what the harness recorded, by run
   */
  static JsonNode run(Path dir, String source, Map<String, ?> env, String... args)
      throws IOException, InterruptedException {
    Path script = dir.resolve("function.py");
    Path harness = dir.resolve("harness.py");
    Path envFile = dir.resolve("env.json");
    Files.writeString(script, source);
    try (InputStream in = FakeBoto3.class.getResourceAsStream("fake_boto3_harness.py")) {
      assertThat(in).as("fake_boto3_harness.py").isNotNull();
      Files.write(harness, in.readAllBytes());
    }
    Files.writeString(envFile, AwsModels.JSON.writeValueAsString(env));
    List<String> command =
        new ArrayList<>(
            List.of("python3", harness.toString(), script.toString(), envFile.toString()));
    command.addAll(List.of(args));
    Processes.Result result = Processes.run(command, dir, TIMEOUT);
    assertThat(result.exit()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    return AwsModels.JSON.readTree(lines[lines.length - 1]);
  }
}
