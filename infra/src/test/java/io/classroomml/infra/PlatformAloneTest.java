package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first deploy needs the platform stack (the image repositories) before any image exists: it is
 * synthesized without digests, and the student stacks say how to get them.
 */
class PlatformAloneTest {

  private static Map<String, Object> withoutDigests() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.remove("trainingImageDigest");
    context.remove("inferenceImageDigest");
    return context;
  }

  @Test
  void platformAlone_buildsWithoutDigests_andNoStudentStack() {
    Map<String, Object> context = withoutDigests();
    context.put("stacks", "platform");

    Classroom classroom = TestClassrooms.build(context);

    assertThat(classroom.students()).isEmpty();
    assertThat(classroom.platform().getStackName()).isEqualTo("Classroom-Platform");
  }

  @Test
  void studentStacksWithoutDigests_areRefusedNamingScriptsDeployAndStacksPlatform() {
    assertThatThrownBy(() -> TestClassrooms.build(withoutDigests()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("trainingImageDigest")
        .hasMessageContaining("scripts/deploy")
        .hasMessageContaining("-c stacks=platform");
  }

  @Test
  void oneDigestWithoutTheOther_isRefusedNamingTheMissingOne() {
    Map<String, Object> context = withoutDigests();
    context.put("trainingImageDigest", TestClassrooms.TRAINING_DIGEST);

    assertThatThrownBy(() -> ConfigReader.read(context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'inferenceImageDigest' is missing")
        .hasMessageContaining("both image digests or neither");
  }

  @Test
  void unknownStackSelection_namesTheChoices() {
    Map<String, Object> context = withoutDigests();
    context.put("stacks", "students");

    assertThatThrownBy(() -> ConfigReader.read(context))
        .hasMessageContaining("'stacks' = 'students'")
        .hasMessageContaining("platform");
  }

  @Test
  void accountAndRegion_comeFromTheCredentials_whenTheContextSetsNone() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.remove("account");
    context.remove("region");
    context.remove("sharedData");

    ClassroomConfig config =
        ConfigReader.read(
            context,
            Map.of(ConfigReader.ENV_ACCOUNT, "123456789012", ConfigReader.ENV_REGION, "eu-west-1"));

    assertThat(config.account()).isEqualTo("123456789012");
    assertThat(config.region()).isEqualTo("eu-west-1");
  }

  @Test
  void noAccountAnywhere_isRefusedWithHowToSignIn() {
    Map<String, Object> context = TestClassrooms.baseContext();
    context.remove("account");

    assertThatThrownBy(() -> ConfigReader.read(context, Map.of()))
        .hasMessageContaining("'account' is missing")
        .hasMessageContaining("AWS_PROFILE");
  }
}
