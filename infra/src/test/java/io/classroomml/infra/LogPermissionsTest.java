package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Template;

/**
 * SageMaker can write the logs of alice's jobs and endpoint, and alice can read them: each logs
 * action is granted on the resource type the Service Authorization Reference authorizes it on
 * (CreateLogStream, PutLogEvents, GetLogEvents on log streams; CreateLogGroup, DescribeLogStreams,
 * FilterLogEvents on log groups), checked against concrete ARNs of her streams and groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogPermissionsTest {

  private static final String LOGS = "arn:aws:logs:us-east-1:111122223333:log-group:";

  /** Whether each action is authorized on a log stream (true) or a log group (false). */
  private static final Map<String, Boolean> ON_STREAM =
      Map.of(
          "logs:CreateLogStream", true,
          "logs:PutLogEvents", true,
          "logs:GetLogEvents", true,
          "logs:CreateLogGroup", false,
          "logs:DescribeLogStreams", false,
          "logs:FilterLogEvents", false);

  /** Streams SageMaker writes for alice's training job, tuning trial, transform and endpoint. */
  private static final List<String> STREAMS =
      List.of(
          LOGS
              + "/aws/sagemaker/TrainingJobs:log-stream:alice--train-0a1b2c3d4e5f/algo-1-1767225600",
          LOGS
              + "/aws/sagemaker/TrainingJobs:log-stream:"
              + "alice--tune-0a1b2c3d4e5f-001-1a2b3c4d/algo-1-1767225600",
          LOGS
              + "/aws/sagemaker/TransformJobs:log-stream:"
              + "alice--transform-0a1b2c3d4e5f/i-0123456789abcdef0-1767225600",
          LOGS + "/aws/sagemaker/Endpoints/alice--endpoint:log-stream:AllTraffic/i-0123456789");

  private static final List<String> GROUPS =
      List.of(
          LOGS + "/aws/sagemaker/TrainingJobs",
          LOGS + "/aws/sagemaker/TransformJobs",
          LOGS + "/aws/sagemaker/Endpoints/alice--endpoint");

  private List<Policies.Statement> execution;
  private List<Policies.Statement> student;

  @BeforeAll
  void synthesize() {
    Template alice = Template.fromStack(TestClassrooms.serverless().students().get(0));
    execution = Policies.ofRole(alice, Policies.role(alice, "ExecutionRole"));
    student = Policies.ofRole(alice, Policies.role(alice, "StudentRole"));
  }

  @Test
  void executionRole_grantsWhatSageMakerDocumentsOnAlicesStreamsAndGroups() {
    for (String stream : STREAMS) {
      for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
        assertThat(Policies.grants(execution, action, stream))
            .as("%s on %s", action, stream)
            .isTrue();
      }
    }
    for (String group : GROUPS) {
      for (String action : List.of("logs:CreateLogGroup", "logs:DescribeLogStreams")) {
        assertThat(Policies.grants(execution, action, group))
            .as("%s on %s", action, group)
            .isTrue();
      }
    }
  }

  @Test
  void studentRole_readsAlicesStreamsAndFindsThemInTheirGroups() {
    for (String stream : STREAMS) {
      assertThat(Policies.grants(student, "logs:GetLogEvents", stream)).as(stream).isTrue();
    }
    for (String group : GROUPS) {
      assertThat(Policies.grants(student, "logs:DescribeLogStreams", group)).as(group).isTrue();
    }
    assertThat(Policies.grants(student, "logs:FilterLogEvents", GROUPS.get(2))).isTrue();
    assertThat(Policies.grants(student, "logs:FilterLogEvents", GROUPS.get(0)))
        .as("searching the shared training group would show other students' logs")
        .isFalse();
  }

  @Test
  void everyLogsGrant_namesTheResourceTypeItsActionIsAuthorizedOn() {
    for (List<Policies.Statement> role : List.of(execution, student)) {
      for (Policies.Statement s : role) {
        for (String action : s.actions()) {
          Boolean onStream = ON_STREAM.get(action);
          if (onStream == null) {
            continue;
          }
          for (String resource : s.resources()) {
            assertThat(resource.contains(":log-stream:"))
                .as("%s on %s", action, resource)
                .isEqualTo(onStream);
          }
        }
      }
    }
  }
}
