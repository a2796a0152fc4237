package io.classroomml.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape checks catch what AWS's request validation would refuse. */
class ShapeValidatorTest {

  private static final ServiceModel SAGEMAKER = AwsModels.service("sagemaker").orElseThrow();
  private static final ServiceModel SFN = AwsModels.service("stepfunctions").orElseThrow();
  private static final ServiceModel LOGS = AwsModels.service("logs").orElseThrow();

  private record Finding(String path, String rule, String message) {}

  @Test
  void aValidRequest_hasNoFindings() {
    assertThat(
            validate(
                SAGEMAKER,
                "StopTrainingJobRequest",
                "{\"TrainingJobName\": \"alice--train-0a1b2c3d4e5f\"}"))
        .isEmpty();
  }

  @Test
  void patternRangeAndRequiredMembers_areCheckedAsSageMakerWould() {
    assertThat(validate(SAGEMAKER, "StopTrainingJobRequest", "{\"TrainingJobName\": \"-alice\"}"))
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo("shape.pattern"));
    assertThat(validate(SAGEMAKER, "StoppingCondition", "{\"MaxRuntimeInSeconds\": 0}"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("below", "minimum 1"));
    assertThat(validate(SAGEMAKER, "StopTrainingJobRequest", "{}"))
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo("shape.missing-required"));
  }

  @Test
  void aStringWhereANumberBelongs_isATypeError_exceptInCloudFormationsLenientMode() {
    String request = "{\"MaxRuntimeInSeconds\": \"3600\"}";
    assertThat(validate(SAGEMAKER, "StoppingCondition", request))
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo("shape.type"));
    List<Finding> lenient = new ArrayList<>();
    new ShapeValidator(SAGEMAKER, (p, r, m) -> lenient.add(new Finding(p, r, m)), true)
        .validate("StoppingCondition", json(request), "");
    assertThat(lenient).isEmpty();
  }

  @Test
  void aMisspelledMember_aBadEnum_andAnOutOfRangeNumber_areFound() {
    assertThat(
            validate(
                SFN,
                "ListExecutionsInput",
                "{\"stateMachinArn\":\"x\",\"statusFilter\":\"GOING\",\"maxResults\":5000}"))
        .extracting(Finding::rule)
        .containsExactlyInAnyOrder("shape.unknown-member", "shape.enum", "shape.range");
    assertThat(validate(SFN, "ListExecutionsInput", "{\"stateMachinArn\":\"x\"}"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("(did you mean 'stateMachineArn'?)"));
  }

  @Test
  void aNameTooLong_orNotMatchingItsPattern_isFound() {
    assertThat(
            validate(
                SAGEMAKER,
                "DescribeTrainingJobRequest",
                "{\"TrainingJobName\":\"" + "a".repeat(64) + "\"}"))
        .anySatisfy(f -> assertThat(f.message()).contains("more than the maximum 63"));
    assertThat(validate(LOGS, "DescribeLogStreamsRequest", "{\"logGroupName\":\"!!!\"}"))
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo("shape.pattern"));
  }

  @Test
  void anUnresolvedValue_isNotChecked() {
    assertThat(
            validate(
                SAGEMAKER,
                "StopTrainingJobRequest",
                "{\"TrainingJobName\": \"" + ShapeValidator.UNRESOLVED + "Ref Name}}\"}"))
        .isEmpty();
  }

  @Test
  void sdkIntegrationParameters_arePascalCaseEvenForCamelCaseApis() {
    String pascal =
        "{\"StateMachineArn\": \"arn:aws:states:us-east-1:111122223333:stateMachine:m\", \"StatusFilter\": \"RUNNING\"}";
    String camel =
        "{\"stateMachineArn\": \"arn:aws:states:us-east-1:111122223333:stateMachine:m\"}";
    assertThat(validate(SFN, "ListExecutionsInput", pascal, ShapeValidator.Names.PASCAL_CASE))
        .isEmpty();
    assertThat(validate(SFN, "ListExecutionsInput", camel, ShapeValidator.Names.PASCAL_CASE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("shape.member-case");
              assertThat(f.message()).contains("'StateMachineArn'");
            });
    assertThat(
            validate(
                SFN,
                "ListExecutionsInput",
                "{\"StatusFilter\": \"GOING\"}",
                ShapeValidator.Names.PASCAL_CASE))
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo("shape.enum"));
  }

  private static List<Finding> validate(ServiceModel model, String shape, String request) {
    return validate(model, shape, request, ShapeValidator.Names.AS_MODELLED);
  }

  private static List<Finding> validate(
      ServiceModel model, String shape, String request, ShapeValidator.Names names) {
    List<Finding> findings = new ArrayList<>();
    new ShapeValidator(model, (p, r, m) -> findings.add(new Finding(p, r, m)), false)
        .names(names)
        .validate(shape, json(request), "");
    return findings;
  }

  private static JsonNode json(String text) {
    try {
      return AwsModels.JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
