package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.ServiceModel;
import io.classroomml.testing.aws.ShapeValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cleanup function (teardown.py) run by python3 against a fake boto3 that records its requests
 * and plays a Studio domain (fake_boto3_harness.py), with the environment alice's synthesized stack
 * gives it: on Delete it deletes alice's apps (her profile's and her space's, not bob's), waits
 * until they are gone, then her spaces, so CloudFormation can delete her profile next (the custom
 * resource depends on it; NotebooksTest); on the budget stop it deletes the apps and keeps the
 * spaces. Every recorded request is checked against its botocore input shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class TeardownNotebookOrderTest {

  static final Map<String, String> NOTEBOOKS = Map.of("studentNotebooks", "true");

  private JsonNode runs;

  @BeforeAll
  void runTheFunction(@TempDir Path dir) throws IOException, InterruptedException {
    Assembly assembly = Classrooms.synthesize(Classrooms.context(NOTEBOOKS));
    Map<String, String> env = TeardownRequestsTest.environment(assembly);
    runs =
        FakeBoto3.run(
            dir, resource(io.classroomml.infra.Classroom.class, "constructs/teardown.py"), env);
  }

  @Test
  @Timeout(60)
  void onDelete_appsGoFirst_thenTheStudentsSpaces_thenTheBucketsAreEmptied() {
    List<String> delete = operations("delete");

    assertThat(delete).contains("DeleteApp", "DeleteSpace");
    int lastApp = delete.lastIndexOf("DeleteApp");
    int firstSpace = delete.indexOf("DeleteSpace");
    assertThat(lastApp).isLessThan(firstSpace);
    // waited: the apps were listed again (and found gone) between deleting them and the spaces
    assertThat(delete.subList(lastApp, firstSpace)).contains("ListApps");
    assertThat(delete.indexOf("ListAttachedRolePolicies")).isLessThan(delete.indexOf("ListSpaces"));
    assertThat(delete.indexOf("EmptyBucket")).isGreaterThan(delete.lastIndexOf("DeleteSpace"));
    assertThat(requests("delete", "DeleteSpace"))
        .extracting(r -> r.path("SpaceName").asText())
        .containsExactly("alice--s1");
    assertThat(requests("delete", "DeleteApp"))
        .extracting(r -> r.path("SpaceName").asText("") + r.path("UserProfileName").asText(""))
        .containsExactlyInAnyOrder("alice--s1", "alice--notebook");
    assertThat(requests("delete", "Response"))
        .singleElement()
        .satisfies(r -> assertThat(r.path("Status").asText()).isEqualTo("SUCCESS"));
  }

  @Test
  @Timeout(60)
  void onTheBudgetStop_theStudentsAppsAreDeleted_andTheSpacesKept() {
    List<String> stop = operations("stop");

    assertThat(stop).contains("AttachRolePolicy", "DeleteApp").doesNotContain("DeleteSpace");
    assertThat(requests("stop", "DeleteApp"))
        .extracting(r -> r.path("SpaceName").asText("") + r.path("UserProfileName").asText(""))
        .containsExactlyInAnyOrder("alice--s1", "alice--notebook");
  }

  @Test
  @Timeout(60)
  void everyRecordedRequest_matchesItsOperationsInputShape() {
    List<Finding> findings = new ArrayList<>();
    for (String run : List.of("delete", "stop")) {
      for (JsonNode call : runs.path(run)) {
        String service = call.path("service").asText();
        if (!service.equals("sagemaker") && !service.equals("iam")) {
          continue; // the s3 resource collection and cfnresponse: TeardownRequestsTest
        }
        ServiceModel model = AwsModels.service(service).orElseThrow();
        String operation =
            model
                .operation(call.path("operation").asText())
                .orElseThrow(() -> new AssertionError("no operation " + call));
        new ShapeValidator(model, new Findings(findings, "teardown.py", run), false)
            .validate(model.input(operation).orElseThrow(), call.path("request"), operation);
      }
    }
    assertThat(findings).as(Findings.report(findings)).isEmpty();
  }

  private List<String> operations(String run) {
    List<String> ops = new ArrayList<>();
    runs.path(run).forEach(c -> ops.add(c.path("operation").asText()));
    return ops;
  }

  private List<JsonNode> requests(String run, String operation) {
    List<JsonNode> out = new ArrayList<>();
    runs.path(run)
        .forEach(
            c -> {
              if (c.path("operation").asText().equals(operation)) {
                out.add(c.path("request"));
              }
            });
    return out;
  }

  private static String resource(Class<?> anchor, String name) throws IOException {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
