package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.infra.constructs.ClassDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Per-student Studio notebooks (issue 14), by intent: opt-in, settings, narrow roles, teardown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class NotebooksTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Template platform;
  private Template alice;
  private JsonNode aliceJson;

  @BeforeAll
  void synthesize() {
    Classroom classroom = TestClassrooms.notebooks();
    platform = Template.fromStack(classroom.platform());
    alice = Template.fromStack(classroom.students().get(0));
    aliceJson = JSON.valueToTree(alice.toJSON());
  }

  @Test
  void domainAndProfiles_existOnlyWhenOptedIn() {
    Classroom off = TestClassrooms.serverless();
    Template.fromStack(off.platform()).resourceCountIs("AWS::SageMaker::Domain", 0);
    Template.fromStack(off.platform()).resourceCountIs("AWS::EC2::VPC", 0);
    for (var student : off.students()) {
      Template.fromStack(student).resourceCountIs("AWS::SageMaker::UserProfile", 0);
    }

    platform.resourceCountIs("AWS::SageMaker::Domain", 1);
    for (var student : TestClassrooms.notebooks().students()) {
      Template t = Template.fromStack(student);
      t.resourceCountIs("AWS::SageMaker::UserProfile", 1);
      t.resourceCountIs("AWS::SageMaker::StudioLifecycleConfig", 1);
    }
    alice.hasResourceProperties(
        "AWS::SageMaker::UserProfile", Map.of("UserProfileName", "alice--notebook"));
  }

  @Test
  void theDomain_isPublicInternetOnlyInIsolatedSubnets_withNothingThatBillsIdle() {
    platform.hasResourceProperties(
        "AWS::SageMaker::Domain",
        Match.objectLike(
            Map.of(
                "AuthMode", "IAM",
                "AppNetworkAccessType", "PublicInternetOnly",
                "TagPropagation", "ENABLED")));
    for (String billing :
        List.of(
            "AWS::EC2::NatGateway",
            "AWS::EC2::InternetGateway",
            "AWS::EC2::EIP",
            "AWS::EC2::VPCEndpoint")) {
      platform.resourceCountIs(billing, 0);
    }
    platform.resourceCountIs("AWS::EC2::Subnet", 2);
    platform.allResourcesProperties(
        "AWS::EC2::Subnet", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)));
  }

  @Test
  void jupyterLab_startsOnTheSmallAllowedType_andShutsDownWhenIdle() {
    Map<String, Object> idle =
        Map.of(
            "IdleSettings",
            Map.of(
                "LifecycleManagement", "ENABLED",
                "IdleTimeoutInMinutes", 60,
                "MaxIdleTimeoutInMinutes", 60));
    platform.hasResourceProperties(
        "AWS::SageMaker::Domain",
        Match.objectLike(
            Map.of(
                "DefaultUserSettings",
                Match.objectLike(
                    Map.of(
                        "JupyterLabAppSettings",
                        Match.objectLike(
                            Map.of(
                                "DefaultResourceSpec", Map.of("InstanceType", "ml.t3.medium"),
                                "AppLifecycleManagement", Match.objectLike(idle))),
                        "SpaceStorageSettings",
                        Map.of(
                            "DefaultEbsStorageSettings",
                            Map.of(
                                "DefaultEbsVolumeSizeInGb", ClassDomain.SPACE_VOLUME_GB,
                                "MaximumEbsVolumeSizeInGb", ClassDomain.SPACE_VOLUME_GB)))))));
    alice.hasResourceProperties(
        "AWS::SageMaker::UserProfile",
        Match.objectLike(
            Map.of(
                "UserSettings",
                Match.objectLike(
                    Map.of(
                        "JupyterLabAppSettings",
                        Match.objectLike(
                            Map.of(
                                "DefaultResourceSpec",
                                Match.objectLike(Map.of("InstanceType", "ml.t3.medium")),
                                "LifecycleConfigArns",
                                Match.anyValue(),
                                "AppLifecycleManagement",
                                Match.objectLike(idle))))))));
  }

  @Test
  void theProfilesExecutionRole_isTheStudentRole() {
    JsonNode profile = only("AWS::SageMaker::UserProfile");
    String role = profile.at("/Properties/UserSettings/ExecutionRole/Fn::GetAtt/0").asText();

    assertThat(role).startsWith("StudentRole");
    JsonNode trust = aliceJson.at("/Resources/" + role + "/Properties/AssumeRolePolicyDocument");
    assertThat(trust.toString()).contains("sagemaker.amazonaws.com", "aws:SourceAccount");
  }

  @Test
  void notebookGrants_reachOnlyTheStudentsOwnProfileSpacesAndApps() {
    List<JsonNode> statements = new ArrayList<>();
    aliceJson
        .path("Resources")
        .forEach(
            r -> {
              if (r.path("Type").asText().equals("AWS::IAM::Policy")
                  && r.at("/Properties/Roles/0/Ref").asText().startsWith("StudentRole")) {
                r.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
              }
            });
    for (JsonNode s : statements) {
      String actions = s.path("Action").toString();
      if (actions.contains("sagemaker:CreateApp")
          || actions.contains("sagemaker:CreateSpace")
          || actions.contains("sagemaker:DeleteApp")) {
        assertThat(s.path("Resource").toString()).contains("/alice--*");
        assertThat(s.at("/Condition/ArnEquals/sagemaker:OwnerUserProfileArn").toString())
            .contains("alice--notebook");
        assertThat(s.at("/Condition/StringEquals/sagemaker:SpaceSharingType").asText())
            .isEqualTo("Private");
      }
      if (actions.contains("sagemaker:CreateApp")) {
        assertThat(s.at("/Condition/ForAllValues:StringEquals/sagemaker:InstanceTypes").toString())
            .isEqualTo("[\"ml.t3.medium\"]");
      }
    }
    assertThat(statements)
        .anySatisfy(s -> assertThat(s.path("Action").toString()).contains("sagemaker:CreateApp"));
    assertThat(statements)
        .anySatisfy(
            s ->
                assertThat(s.path("Action").toString())
                    .contains("sagemaker:CreatePresignedDomainUrl"));
  }

  @Test
  void theLifecycleConfig_givesTheNotebookTheBucketsAndPipelines_andJava() {
    JsonNode setup = only("AWS::SageMaker::StudioLifecycleConfig");
    String content = setup.at("/Properties/StudioLifecycleConfigContent").toString();

    assertThat(setup.at("/Properties/StudioLifecycleConfigAppType").asText())
        .isEqualTo("JupyterLab");
    assertThat(content)
        .contains("Fn::Base64", "CLASSROOM_DATA_BUCKET", "CLASSROOM_TRAINING_PIPELINE")
        .contains("BucketsData", "BucketsArtifacts", "Training", "Tuning", "BatchTransform")
        .contains("openjdk=17");
  }

  @Test
  void theCleanup_runsBeforeTheProfileIsDeleted_andKnowsTheDomainAndProfile() {
    String profile = onlyId("AWS::SageMaker::UserProfile");
    JsonNode cleanup = only("Custom::ClassroomTeardown");
    assertThat(cleanup.path("DependsOn").toString()).contains(profile);
    String function = cleanup.at("/Properties/ServiceToken/Fn::GetAtt/0").asText();
    JsonNode env = aliceJson.at("/Resources/" + function + "/Properties/Environment/Variables");
    assertThat(env.path("PROFILE").asText()).isEqualTo("alice--notebook");
    assertThat(env.path("DOMAIN").toString()).contains("Fn::ImportValue");
  }

  @Test
  void theDomainCleanup_runsBeforeTheDomainAndTheNetworkAreDeleted() {
    platform.hasResourceProperties(
        "Custom::ClassroomDomainCleanup",
        Map.of(
            "ServiceToken", Match.anyValue(),
            "DomainId", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "DomainId")),
            "VpcId", Map.of("Ref", Match.anyValue())));
    assertThat(ClassDomain.source())
        .contains("delete_app", "delete_space", "delete_user_profile")
        .contains("RetentionPolicy={\"HomeEfsFileSystem\": \"Delete\"}")
        .contains("delete_security_group");
    String source = ClassDomain.source();
    assertThat(source.indexOf("delete_app"))
        .isLessThan(source.indexOf("delete_space"))
        .isLessThan(source.indexOf("delete_user_profile"));
    assertThat(source.indexOf("delete_user_profile")).isLessThan(source.indexOf("delete_domain"));
  }

  @Test
  void theBudgetStop_deniesStartingNotebooks() {
    JsonNode deny = only("AWS::IAM::ManagedPolicy");
    assertThat(deny.at("/Properties/PolicyDocument/Statement/0/Action").toString())
        .contains("sagemaker:CreateApp", "sagemaker:CreateSpace");
  }

  private JsonNode only(String type) {
    return aliceJson.path("Resources").path(onlyId(type));
  }

  private String onlyId(String type) {
    List<String> ids = new ArrayList<>();
    aliceJson
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)) {
                ids.add(e.getKey());
              }
            });
    assertThat(ids).as(type).hasSize(1);
    return ids.get(0);
  }
}
