package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Each {@code .sync} pipeline's role holds what AWS documents for Step Functions' SageMaker
 * integration (create, describe and stop the job; AddTags and ListTags; the managed EventBridge
 * rule; PassRole to SageMaker only), on alice's jobs only, and acts on existing jobs only when they
 * carry her tag.
 */
class PipelineRolesTest {

  private static final String SAGEMAKER = "arn:aws:sagemaker:us-east-1:111122223333:";

  private static Template alice() {
    return Template.fromStack(TestClassrooms.serverless().students().get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Training, training-job/alice--train-0a1b2c3d4e5f, TrainingJob,"
        + " StepFunctionsGetEventsForSageMakerTrainingJobsRule",
    "Tuning, hyper-parameter-tuning-job/alice--tune-0a1b2c3d4e5f, HyperParameterTuningJob,"
        + " StepFunctionsGetEventsForSageMakerTuningJobsRule",
    "BatchTransform, transform-job/alice--transform-0a1b2c3d4e5f, TransformJob,"
        + " StepFunctionsGetEventsForSageMakerTransformJobsRule"
  })
  void syncPipeline_holdsTheDocumentedPermissions(
      String pipeline, String job, String kind, String rule) {
    Template alice = alice();
    List<Policies.Statement> role =
        Policies.ofRole(alice, Policies.stateMachineRole(alice, pipeline));
    String jobArn = SAGEMAKER + job;

    for (String action :
        List.of(
            "sagemaker:Create" + kind,
            "sagemaker:Describe" + kind,
            "sagemaker:Stop" + kind,
            "sagemaker:AddTags",
            "sagemaker:ListTags")) {
      assertThat(Policies.grants(role, action, jobArn)).as(action).isTrue();
    }
    assertThat(Policies.grants(role, "sagemaker:ListTags", "*")).isTrue();
    for (String action : List.of("events:PutTargets", "events:PutRule", "events:DescribeRule")) {
      assertThat(
              Policies.grants(role, action, "arn:aws:events:us-east-1:111122223333:rule/" + rule))
          .as(action)
          .isTrue();
    }
    assertThat(role)
        .filteredOn(s -> s.allows("iam:PassRole"))
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(s.condition().at("/StringEquals/iam:PassedToService").asText())
                    .isEqualTo("sagemaker.amazonaws.com"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Training, TrainingJob",
    "Tuning, HyperParameterTuningJob",
    "BatchTransform, TransformJob"
  })
  void syncPipeline_describesAndStopsOnlyJobsTaggedAsAlices(String pipeline, String kind) {
    Template alice = alice();
    List<Policies.Statement> role =
        Policies.ofRole(alice, Policies.stateMachineRole(alice, pipeline));

    assertThat(role)
        .filteredOn(s -> s.allows("sagemaker:Describe" + kind) || s.allows("sagemaker:Stop" + kind))
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(
                        s.condition()
                            .path("StringEquals")
                            .path("aws:ResourceTag/" + Names.STUDENT_TAG)
                            .asText())
                    .isEqualTo("alice"));
  }

  @org.junit.jupiter.api.Test
  void transformPipeline_createsOnlyTaggedIsolatedModelsAndDeletesOnlyTaggedOnes() {
    Template alice = alice();
    List<Policies.Statement> role =
        Policies.ofRole(alice, Policies.stateMachineRole(alice, "BatchTransform"));
    String model = SAGEMAKER + "model/alice--batch-0a1b2c3d4e5f";

    assertThat(role)
        .filteredOn(s -> s.allows("sagemaker:CreateModel"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.resources()).allMatch(r -> Policies.matches(r, model));
              assertThat(
                      s.condition()
                          .path("StringEquals")
                          .path("aws:RequestTag/" + Names.STUDENT_TAG)
                          .asText())
                  .isEqualTo("alice");
              assertThat(s.condition().at("/Bool/sagemaker:NetworkIsolation").asText())
                  .isEqualTo("true");
            });
    assertThat(role)
        .filteredOn(s -> s.allows("sagemaker:DeleteModel"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(
                        s.condition()
                            .path("StringEquals")
                            .path("aws:ResourceTag/" + Names.STUDENT_TAG)
                            .asText())
                    .isEqualTo("alice"));
  }
}
