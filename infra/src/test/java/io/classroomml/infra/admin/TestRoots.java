package io.classroomml.infra.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A repository root with a cdk.json like the shipped one: no account, no region, two students. */
final class TestRoots {

  static final String TRAINING = "sha256:" + "a".repeat(64);
  static final String INFERENCE = "sha256:" + "b".repeat(64);

  private TestRoots() {}

  static Path create(Path dir, Map<String, Object> context) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("app", "true");
    ObjectNode c = root.putObject("context");
    c.put("students", "alice,bob");
    c.put("budgetUsd", 50);
    c.put("trainingInstanceType", "ml.g4dn.xlarge");
    c.put("trainingSpot", true);
    c.put("maxConcurrentJobs", 1);
    context.forEach((k, v) -> c.put(k, String.valueOf(v)));
    Files.writeString(dir.resolve("cdk.json"), json.writeValueAsString(root));
    return dir;
  }
}
