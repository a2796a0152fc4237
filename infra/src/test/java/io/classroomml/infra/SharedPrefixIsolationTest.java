package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Template;

/**
 * A class whose ids share prefixes ({@code alice}, {@code alice-train}, {@code alice-b}): no Allow
 * statement of one student's stack matches an ARN of what another student's pipelines and stack
 * create (jobs, tuning trials, batch models, the endpoint, their log streams), with IAM's wildcards
 * evaluated against concrete names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedPrefixIsolationTest {

  private static final List<String> IDS = List.of("alice", "alice-train", "alice-b");
  private static final String SAGEMAKER = "arn:aws:sagemaker:us-east-1:111122223333:";
  private static final String LOGS = "arn:aws:logs:us-east-1:111122223333:log-group:";

  /** Actions granted on "*" by design (no resource-level permissions, or documented so). */
  private static final Set<String> ANY_RESOURCE_ACTIONS =
      Set.of(
          "sagemaker:ListTags",
          "sagemaker:ListTrainingJobs",
          "sagemaker:ListHyperParameterTuningJobs",
          "sagemaker:ListTransformJobs",
          "sagemaker:ListModels");

  private final List<List<Policies.Statement>> statements = new ArrayList<>();

  @BeforeAll
  void synthesize() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.put("students", String.join(",", IDS));
    context.put(
        "models",
        "alice="
            + TestClassrooms.ALICE_MODEL
            + ",alice-train=m/model.tar.gz,alice-b=m/model.tar.gz");
    context.put("cdkNag", "false");
    Classroom classroom = TestClassrooms.build(context);
    classroom.students().forEach(s -> statements.add(Policies.of(Template.fromStack(s))));
  }

  /** Actions on SageMaker jobs, models, endpoints and log streams that "*" must not grant. */
  private boolean scopable(String action) {
    return (action.startsWith("sagemaker:") && !ANY_RESOURCE_ACTIONS.contains(action))
        || Set.of(
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:GetLogEvents",
                "logs:FilterLogEvents",
                "logs:DescribeLogStreams",
                "logs:CreateLogGroup")
            .contains(action);
  }

  /** ARNs of what student {@code id}'s pipelines and stack create. */
  private static List<String> resourcesOf(String id) {
    String suffix = "-0a1b2c3d4e5f";
    return List.of(
        SAGEMAKER + "training-job/" + Names.trainingJobPrefix(id) + suffix,
        SAGEMAKER + "hyper-parameter-tuning-job/" + Names.tuningJobPrefix(id) + suffix,
        SAGEMAKER + "training-job/" + Names.tuningJobPrefix(id) + suffix + "-001-1a2b3c4d",
        SAGEMAKER + "transform-job/" + Names.transformJobPrefix(id) + suffix,
        SAGEMAKER + "model/" + Names.batchModelPrefix(id) + suffix,
        SAGEMAKER + "endpoint/" + Names.endpointName(id),
        LOGS
            + "/aws/sagemaker/TrainingJobs:log-stream:"
            + Names.trainingJobPrefix(id)
            + suffix
            + "/algo-1-1767225600",
        LOGS
            + "/aws/sagemaker/TransformJobs:log-stream:"
            + Names.transformJobPrefix(id)
            + suffix
            + "/i-0123-1767225600",
        LOGS + "/aws/sagemaker/Endpoints/" + Names.endpointName(id),
        LOGS + "/aws/sagemaker/Endpoints/" + Names.endpointName(id) + ":log-stream:AllTraffic/i-1");
  }

  @Test
  void noStudentsStatement_matchesAnotherStudentsResources() {
    List<String> leaks = new ArrayList<>();
    for (int a = 0; a < IDS.size(); a++) {
      for (int b = 0; b < IDS.size(); b++) {
        if (a == b) {
          continue;
        }
        for (Policies.Statement s : statements.get(a)) {
          if (!s.effect().equals("Allow")) {
            continue;
          }
          for (String resource : s.resources()) {
            if (resource.equals("*") && s.actions().stream().noneMatch(this::scopable)) {
              continue;
            }
            for (String arn : resourcesOf(IDS.get(b))) {
              if (Policies.matches(resource, arn)) {
                leaks.add(IDS.get(a) + " " + s.actions() + " on " + resource + " matches " + arn);
              }
            }
          }
        }
      }
    }

    assertThat(leaks).isEmpty();
  }

  @Test
  void ownStatements_stillMatchOwnResources() {
    for (int a = 0; a < IDS.size(); a++) {
      List<Policies.Statement> own = statements.get(a);
      String id = IDS.get(a);
      assertThat(Policies.grants(own, "sagemaker:DescribeTrainingJob", resourcesOf(id).get(0)))
          .as(id)
          .isTrue();
      assertThat(Policies.grants(own, "sagemaker:StopTrainingJob", resourcesOf(id).get(2)))
          .as("%s's cleanup stops a tuning trial", id)
          .isTrue();
      assertThat(Policies.grants(own, "sagemaker:InvokeEndpoint", resourcesOf(id).get(5)))
          .as(id)
          .isTrue();
    }
  }

  @Test
  void studentRole_seesOnlyJobsTaggedAsItsStudents() {
    for (int a = 0; a < IDS.size(); a++) {
      String id = IDS.get(a);
      assertThat(statements.get(a))
          .filteredOn(
              s ->
                  s.allows("sagemaker:DescribeTrainingJob")
                      || s.allows("sagemaker:InvokeEndpoint")
                      || s.allows("sagemaker:StopTrainingJob"))
          .isNotEmpty()
          .allSatisfy(
              s ->
                  assertThat(
                          s.condition()
                              .path("StringEquals")
                              .path("aws:ResourceTag/" + Names.STUDENT_TAG)
                              .asText())
                      .as("%s %s", id, s.actions())
                      .isEqualTo(id));
    }
  }
}
