package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.infra.constructs.Teardown;
import io.classroomml.testing.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Nothing outlives {@code cdk destroy}: every resource goes, and so does what pipelines start. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeardownTest {

  private final List<Template> templates = new ArrayList<>();
  private Template alice;

  @BeforeAll
  void synthesize() {
    for (Classroom classroom : List.of(TestClassrooms.serverless(), TestClassrooms.realtime())) {
      List<Stack> stacks = new ArrayList<>(classroom.students());
      stacks.add(classroom.platform());
      stacks.forEach(s -> templates.add(Template.fromStack(s)));
    }
    alice = Template.fromStack(TestClassrooms.serverless().students().get(0));
  }

  @Test
  void everyResource_isDeletedWithItsStack() {
    int checked = 0;
    for (Template template : templates) {
      for (Map.Entry<String, Object> e : resources(template).entrySet()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> resource = (Map<String, Object>) e.getValue();
        assertThat(resource.getOrDefault("DeletionPolicy", "Delete"))
            .as("DeletionPolicy of %s", e.getKey())
            .isEqualTo("Delete");
        assertThat(resource.getOrDefault("UpdateReplacePolicy", "Delete"))
            .as("UpdateReplacePolicy of %s", e.getKey())
            .isEqualTo("Delete");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void cleanup_runsBeforeTheBucketsAreDeleted() {
    alice.resourceCountIs("Custom::ClassroomTeardown", 1);
    // Referencing both buckets makes CloudFormation delete the custom resource first.
    alice.hasResource(
        "Custom::ClassroomTeardown",
        Match.objectLike(
            Map.of(
                "Properties",
                Match.objectLike(
                    Map.of(
                        "Buckets",
                        List.of(
                            Map.of("Ref", Match.stringLikeRegexp("BucketsData.*")),
                            Map.of("Ref", Match.stringLikeRegexp("BucketsArtifacts.*"))),
                        "Prefix",
                        "alice--")))));
  }

  @Test
  void cleanupFunction_stopsJobsDeletesModelsAndEmptiesEveryVersion() {
    String source = Teardown.source();

    assertThat(source)
        .contains(
            "stop_training_job",
            "stop_hyper_parameter_tuning_job",
            "stop_transform_job",
            "delete_model",
            "object_versions.delete()",
            "attach_role_policy");
    assertThat(source.length()).isLessThanOrEqualTo(Teardown.INLINE_CODE_LIMIT);
    alice.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Code", Map.of("ZipFile", source),
                "Environment",
                    Map.of(
                        "Variables",
                        Match.objectLike(
                            Map.of(
                                "PREFIX", "alice--",
                                "STUDENT", "alice",
                                "TAG_KEY", Names.STUDENT_TAG,
                                "ENDPOINT", "alice--endpoint"))))));
  }

  @Test
  void cleanupFunction_isValidPython(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("index.py");
    java.nio.file.Files.writeString(file, Teardown.source());
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Processes.onPath("python3"), "python3 is not installed");

    Processes.Result result =
        Processes.run(
            java.util.List.of("python3", "-m", "py_compile", file.toString()),
            dir,
            java.time.Duration.ofSeconds(60));

    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void bucketsAndLogs_areRemovedNotRetained() {
    alice.allResources("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"));
    alice.allResources("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"));
  }

  @Test
  void nothingIsImportedAcrossStacks() {
    for (Template template : templates) {
      assertThat(template.toJSON().toString()).doesNotContain("Fn::ImportValue");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resources(Template template) {
    return (Map<String, Object>) template.toJSON().get("Resources");
  }
}
