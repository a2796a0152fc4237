package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.infra.Classroom;
import io.classroomml.testing.aws.AwsModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The synthesized templates of one classroom by stack name, with the account and region their
 * pseudo parameters stand for. Synthesizes the app once (through jsii this takes seconds) and reads
 * the cloud assembly's template files, so every checker sees what {@code cdk deploy} would send.
 *
 * @param templates stack name to template
 * @param account the account {@code AWS::AccountId} resolves to
 * @param region the region {@code AWS::Region} resolves to
 */
record Assembly(Map<String, JsonNode> templates, String account, String region) {

  static Assembly of(Classroom classroom) {
    Path dir = Path.of(classroom.app().synth().getDirectory());
    Map<String, JsonNode> templates = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".template.json")) {
          templates.put(
              name.substring(0, name.length() - ".template.json".length()),
              AwsModels.JSON.readTree(file.toFile()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Assembly(templates, classroom.config().account(), classroom.config().region());
  }

  /** A copy with {@code template} replacing stack {@code stack}'s (for tests that break one). */
  Assembly with(String stack, JsonNode template) {
    Map<String, JsonNode> copy = new LinkedHashMap<>(templates);
    copy.put(stack, template);
    return new Assembly(copy, account, region);
  }

  JsonNode template(String stack) {
    JsonNode template = templates.get(stack);
    if (template == null) {
      throw new IllegalArgumentException("no stack " + stack + " in " + templates.keySet());
    }
    return template;
  }
}
