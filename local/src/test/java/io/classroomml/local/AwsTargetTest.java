package io.classroomml.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsTargetTest {

  private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:train-s01";

  @Test
  void trainingInput_isWhatThePipelineReads() throws Exception {
    String input = AwsTarget.input(Map.of("epochs", "5", "learning_rate", "0.01"));
    assertThat(new ObjectMapper().readTree(input).get("hyperparameters").get("epochs").asText())
        .isEqualTo("5");
    assertThat(AwsTarget.input(Map.of())).isEqualTo("{}");
  }

  @Test
  void command_startsTheStateMachineInTheGivenRegion() {
    assertThat(AwsTarget.command(ARN, "{}", Optional.of("eu-west-1")))
        .isEqualTo(
            List.of(
                "aws",
                "stepfunctions",
                "start-execution",
                "--state-machine-arn",
                ARN,
                "--input",
                "{}",
                "--region",
                "eu-west-1"));
  }

  @Test
  void command_refusesSomethingThatIsNotAStateMachineArn() {
    assertThatThrownBy(() -> AwsTarget.command("my-pipeline", "{}", Optional.empty()))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("TrainingPipelineArn");
  }
}
