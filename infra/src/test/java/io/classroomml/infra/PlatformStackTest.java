package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformStackTest {

  private Classroom classroom;
  private Template platform;

  @BeforeAll
  void synthesize() {
    classroom = TestClassrooms.serverless();
    platform = Template.fromStack(classroom.platform());
  }

  @Test
  void repositories_haveImmutableTagsScanOnPushLifecycleAndEmptyOnDelete() {
    platform.resourceCountIs("AWS::ECR::Repository", 2);
    for (String name : List.of(Names.TRAINING_REPOSITORY, Names.INFERENCE_REPOSITORY)) {
      platform.hasResourceProperties(
          "AWS::ECR::Repository",
          Match.objectLike(
              Map.of(
                  "RepositoryName",
                  name,
                  "ImageTagMutability",
                  "IMMUTABLE",
                  "ImageScanningConfiguration",
                  Map.of("ScanOnPush", true),
                  "EmptyOnDelete",
                  true,
                  "LifecyclePolicy",
                  Match.objectLike(Map.of("LifecyclePolicyText", Match.anyValue())))));
    }
  }

  @Test
  void repositories_letOnlyClassroomRolesPull() {
    platform.allResourcesProperties(
        "AWS::ECR::Repository",
        Match.objectLike(
            Map.of(
                "RepositoryPolicyText",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Effect", "Deny",
                                        "Principal", Map.of("AWS", "*"),
                                        "Condition",
                                            Map.of(
                                                "Null",
                                                Map.of(
                                                    "aws:PrincipalTag/" + Names.STUDENT_TAG,
                                                    "true")))))))))));
  }

  @Test
  void janitor_deletesEachStudentStackAtTheEndOfClass() {
    platform.resourceCountIs("AWS::Scheduler::Schedule", 3);
    for (String id : List.of("alice", "bob", "carol")) {
      platform.hasResourceProperties(
          "AWS::Scheduler::Schedule",
          Match.objectLike(
              Map.of(
                  "ScheduleExpression", "at(2027-01-31T00:00:00)",
                  "ScheduleExpressionTimezone", "UTC",
                  "Target",
                      Match.objectLike(
                          Map.of(
                              "Arn",
                              Match.anyValue(),
                              "Input",
                              "{\"StackName\":\"" + Names.studentStack(id) + "\"}")))));
    }
  }

  @Test
  void janitor_mayDeleteStudentStacksButNotThePlatform() {
    List<String> statements = new java.util.ArrayList<>();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (Object policy : platform.findResources("AWS::IAM::Policy").values()) {
      json.valueToTree(policy)
          .at("/Properties/PolicyDocument/Statement")
          .forEach(st -> statements.add(st.toString()));
    }

    assertThat(statements)
        .anySatisfy(
            st ->
                assertThat(st)
                    .contains("\"Effect\":\"Allow\"", "cloudformation:DeleteStack")
                    .contains(":stack/Classroom-*/*"))
        .anySatisfy(
            st ->
                assertThat(st)
                    .contains("\"Effect\":\"Deny\"", "cloudformation:DeleteStack")
                    .contains(":stack/Classroom-Platform/*"));
  }

  @Test
  void janitor_livesOutsideTheStacksItDeletes() {
    for (var student : classroom.students()) {
      Template.fromStack(student).resourceCountIs("AWS::Scheduler::Schedule", 0);
      assertThat(student.getDependencies()).contains(classroom.platform());
    }
    assertThat(classroom.platform().getDependencies()).isEmpty();
  }

  @Test
  void classDashboard_showsEveryStudent() {
    platform.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    String body =
        platform.findResources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();
    assertThat(body).contains("alice: validation accuracy", "bob: endpoint", "carol: train loss");
  }
}
