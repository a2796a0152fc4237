package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.infra.config.ImageDigests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code cdk destroy} (scripts/destroy) and the cost estimate need no image: with {@code -c
 * stacks=no-deploy} every stack is synthesized without digests, and each carries a parameter with
 * no value, so that {@code cdk deploy} refuses it.
 */
class NoDeployTest {

  private static Map<String, Object> withoutDigests() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.remove("trainingImageDigest");
    context.remove("inferenceImageDigest");
    context.put("stacks", "no-deploy");
    return context;
  }

  @Test
  void noDeploy_withoutDigests_buildsEveryStackAndTheEstimate() {
    Classroom classroom = TestClassrooms.build(withoutDigests());

    assertThat(classroom.students())
        .extracting(Stack::getStackName)
        .containsExactly("Classroom-alice", "Classroom-bob", "Classroom-carol");
    assertThat(classroom.config().images()).contains(ImageDigests.NOT_PUSHED);
    assertThat(classroom.estimate().students()).hasSize(3);
  }

  @Test
  void noDeploy_everyStackHasAParameterWithoutValue_soCdkDeployRefusesIt() {
    Classroom classroom = TestClassrooms.build(withoutDigests());
    List<Stack> stacks = new ArrayList<>(classroom.students());
    stacks.add(classroom.platform());

    for (Stack stack : stacks) {
      Map<String, Map<String, Object>> parameters =
          Template.fromStack(stack).findParameters(Classroom.NO_DEPLOY_PARAMETER);
      assertThat(parameters).as(stack.getStackName()).hasSize(1);
      assertThat(parameters.get(Classroom.NO_DEPLOY_PARAMETER))
          .as(stack.getStackName())
          .doesNotContainKey("Default");
    }
  }

  @Test
  void noDeploy_withRecordedDigests_usesThem() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.put("stacks", "no-deploy");

    assertThat(TestClassrooms.build(context).config().images())
        .contains(
            new ImageDigests(TestClassrooms.TRAINING_DIGEST, TestClassrooms.INFERENCE_DIGEST));
  }

  @Test
  void theDefaultSynth_hasNoSuchParameter() {
    Classroom classroom = TestClassrooms.serverless();

    assertThat(
            Template.fromStack(classroom.students().get(0))
                .findParameters(Classroom.NO_DEPLOY_PARAMETER))
        .isEmpty();
  }
}
