package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.infra.RepoRoot;
import io.classroomml.testing.aws.AwsModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The execution inputs the docs show for each pipeline ({@code aws stepfunctions start-execution
 * --state-machine-arn <TrainingPipelineArn> --input '…'} in docs/*.md), keyed by the stack output
 * that names the state machine. Where the comment above an example says the input is optional or
 * ignored, {@code {}} is checked too. The checker runs each state machine on these inputs.
 */
final class ExecutionInputs {

  private static final Pattern EXAMPLE =
      Pattern.compile("--state-machine-arn <(\\w+)>\\s*(?:\\\\\\s*)?--input '([^']*)'");

  private ExecutionInputs() {}

  /** Output name (e.g. TrainingPipelineArn) to the inputs documented for it. */
  static Map<String, List<JsonNode>> fromDocs(Path docs) {
    Map<String, List<JsonNode>> inputs = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(docs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher m = EXAMPLE.matcher(text);
        while (m.find()) {
          List<JsonNode> list = inputs.computeIfAbsent(m.group(1), k -> new ArrayList<>());
          list.add(AwsModels.JSON.readTree(m.group(2)));
          String before = text.substring(Math.max(0, m.start() - 200), m.start());
          String comment = before.substring(before.lastIndexOf('#') + 1);
          if (comment.contains("optional") || comment.contains("ignored")) {
            list.add(AwsModels.JSON.createObjectNode());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inputs;
  }

  /** The repository's docs folder. */
  static Path docsFolder() {
    return RepoRoot.path().resolve("docs");
  }
}
