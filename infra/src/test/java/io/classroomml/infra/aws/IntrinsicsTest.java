package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {

  private static final JsonNode INPUT = json("{\"id\": \"alice\", \"hp\": {\"epochs\": \"3\"}}");

  @Test
  void jobNameIntrinsic_yieldsPrefixAndTheUuidsLastGroup() {
    JsonNode name =
        evaluate(
            "States.Format('alice--train-{}', States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 4))");
    assertThat(name.asText()).isEqualTo("alice--train-9e0f1a2b3c4d");
  }

  @Test
  void formatAndJsonToString_readPathsFromTheInput() {
    assertThat(evaluate("States.Format('s3://b/{}/x', $.id)").asText()).isEqualTo("s3://b/alice/x");
    assertThat(evaluate("States.JsonToString($.hp)").asText()).isEqualTo("{\"epochs\":\"3\"}");
    assertThat(evaluate("$.hp.epochs").asText()).isEqualTo("3");
  }

  @Test
  void escapedBracesInAFormatString_areLiteral() {
    assertThat(evaluate("States.Format('\\\\{{}\\\\}', $.id)").asText()).isEqualTo("{alice}");
  }

  @Test
  void aPathMissingFromTheInput_failsWithThePath() {
    assertThatThrownBy(() -> evaluate("States.Format('{}', $.missing)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.missing");
  }

  @Test
  void jsonPathWrite_createsIntermediateObjects() {
    JsonNode out =
        JsonPath.write(json("{\"a\": 1}"), "$.sdk.CreateModel", json("{\"ModelArn\": \"m\"}"));
    assertThat(out.toString())
        .isEqualTo("{\"a\":1,\"sdk\":{\"CreateModel\":{\"ModelArn\":\"m\"}}}");
    assertThat(JsonPath.read(out, "$['sdk'].CreateModel.ModelArn"))
        .map(JsonNode::asText)
        .contains("m");
  }

  private static JsonNode evaluate(String expression) {
    return Intrinsics.evaluate(
        expression,
        p ->
            JsonPath.read(INPUT, p)
                .orElseThrow(() -> new IllegalArgumentException("path " + p + " does not exist")));
  }

  private static JsonNode json(String text) {
    try {
      return AwsModels.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
