package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.infra.constructs.ClassDomain;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.ServiceModel;
import io.classroomml.testing.aws.ShapeValidator;
import java.io.IOException;
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
 * The platform's domain cleanup (domain_cleanup.py) run by python3 against the fake boto3 of
 * fake_boto3_harness.py, with the environment the synthesized platform stack gives it: apps, then
 * spaces, then profiles, then the domain with its home EFS, then the domain's NFS security groups
 * (rules revoked first, the VPC's default group left alone). Its SageMaker requests are checked
 * against botocore's shapes, and its role, as synthesized, allows each call on this domain's
 * resources and this VPC's security groups only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class DomainCleanupTest {

  private static final String PLATFORM = "Classroom-Platform";

  private JsonNode calls;
  private Map<String, String> env;
  private List<JsonNode> roleStatements;
  private Assembly assembly;

  @BeforeAll
  @SuppressWarnings("unchecked")
  void runTheFunction(@TempDir Path dir) throws IOException, InterruptedException {
    assembly = Classrooms.synthesize(Classrooms.context(TeardownNotebookOrderTest.NOTEBOOKS));
    JsonNode template = assembly.template(PLATFORM);
    CfnResolver resolver = new CfnResolver(assembly, PLATFORM);
    String function = null;
    for (var it = template.path("Resources").fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().path("Type").asText().equals("AWS::Lambda::Function")
          && e.getKey().startsWith("NotebooksCleanup")) {
        function = e.getKey();
      }
    }
    JsonNode properties = template.path("Resources").path(function).path("Properties");
    env =
        AwsModels.JSON.convertValue(
            resolver.resolve(properties.path("Environment").path("Variables")), Map.class);
    roleStatements =
        RoleStatements.of(template, resolver)
            .get(properties.path("Role").path("Fn::GetAtt").path(0).asText());
    calls = FakeBoto3.run(dir, ClassDomain.source(), env, "domain").path("delete");
  }

  @Test
  @Timeout(60)
  void onDelete_appsThenSpacesThenProfilesThenTheDomainWithItsEfs_thenItsNfsGroups() {
    List<String> ops = new ArrayList<>();
    calls.forEach(c -> ops.add(c.path("operation").asText()));

    assertThat(ops.lastIndexOf("DeleteApp")).isLessThan(ops.indexOf("DeleteSpace"));
    assertThat(ops.lastIndexOf("DeleteSpace")).isLessThan(ops.indexOf("DeleteUserProfile"));
    assertThat(ops.lastIndexOf("DeleteUserProfile")).isLessThan(ops.indexOf("DeleteDomain"));
    assertThat(ops.indexOf("DeleteDomain")).isLessThan(ops.indexOf("RevokeSecurityGroupIngress"));
    assertThat(ops.lastIndexOf("RevokeSecurityGroupEgress"))
        .isLessThan(ops.indexOf("DeleteSecurityGroup"));
    assertThat(ops).containsSubsequence("DeleteDomain", "DescribeDomain", "DeleteSecurityGroup");
    assertThat(ops).endsWith("Response");
    assertThat(request("DeleteDomain").get(0).at("/RetentionPolicy/HomeEfsFileSystem").asText())
        .isEqualTo("Delete");
    assertThat(request("DeleteApp")).hasSize(3);
    assertThat(request("DeleteSecurityGroup"))
        .extracting(r -> r.path("GroupId").asText())
        .containsExactlyInAnyOrder("sg-1", "sg-2");
    assertThat(request("Response").get(0).path("Status").asText()).isEqualTo("SUCCESS");
  }

  @Test
  @Timeout(60)
  void everySageMakerRequest_matchesItsOperationsInputShape() {
    ServiceModel model = AwsModels.service("sagemaker").orElseThrow();
    List<Finding> findings = new ArrayList<>();
    for (JsonNode call : calls) {
      if (call.path("service").asText().equals("sagemaker")) {
        String operation = model.operation(call.path("operation").asText()).orElseThrow();
        new ShapeValidator(model, new Findings(findings, "domain_cleanup.py", operation), false)
            .validate(model.input(operation).orElseThrow(), call.path("request"), operation);
      }
    }
    assertThat(findings).as(Findings.report(findings)).isEmpty();
  }

  @Test
  @Timeout(60)
  void theFunctionsRole_allowsEveryCall_onThisDomainAndThisVpcOnly() {
    String domain = env.get("DOMAIN");
    String sagemaker = "arn:aws:sagemaker:" + assembly.region() + ":" + assembly.account() + ":";
    String vpc = "arn:aws:ec2:" + assembly.region() + ":" + assembly.account() + ":vpc/";
    String group = "arn:aws:ec2:" + assembly.region() + ":" + assembly.account() + ":";
    Map<String, String> own = Map.of("ec2:Vpc", vpc + env.get("VPC"));
    Map<String, String> other = Map.of("ec2:Vpc", vpc + "vpc-0123456789abcdef0");
    List<String> missing = new ArrayList<>();
    for (String[] call :
        new String[][] {
          {"sagemaker:ListApps", "*"},
          {"sagemaker:ListSpaces", "*"},
          {"sagemaker:ListUserProfiles", "*"},
          {"sagemaker:DeleteApp", sagemaker + "app/" + domain + "/alice--s1/jupyterlab/default"},
          {"sagemaker:DeleteSpace", sagemaker + "space/" + domain + "/alice--s1"},
          {
            "sagemaker:DeleteUserProfile", sagemaker + "user-profile/" + domain + "/alice--notebook"
          },
          {"sagemaker:DeleteDomain", sagemaker + "domain/" + domain},
          {"sagemaker:DescribeDomain", sagemaker + "domain/" + domain},
          {"ec2:DescribeSecurityGroups", "*"},
          {"ec2:RevokeSecurityGroupIngress", group + "security-group/sg-1"},
          {"ec2:RevokeSecurityGroupEgress", group + "security-group/sg-1"},
          {"ec2:DeleteSecurityGroup", group + "security-group/sg-1"}
        }) {
      if (!Grants.allows(roleStatements, call[0], call[1], own)) {
        missing.add(call[0] + " on " + call[1]);
      }
    }
    assertThat(missing).as(String.join("\n", missing)).isEmpty();
    assertThat(
            Grants.allows(
                roleStatements, "ec2:DeleteSecurityGroup", group + "security-group/sg-9", other))
        .as("a security group of another VPC")
        .isFalse();
    assertThat(
            Grants.allows(
                roleStatements,
                "sagemaker:DeleteSpace",
                sagemaker + "space/d-0123456789ab/alice--s1",
                own))
        .as("a space of another domain")
        .isFalse();
  }

  private List<JsonNode> request(String operation) {
    List<JsonNode> out = new ArrayList<>();
    calls.forEach(
        c -> {
          if (c.path("operation").asText().equals(operation)) {
            out.add(c.path("request"));
          }
        });
    return out;
  }
}
