package io.classroomml.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The model check catches what AWS's request validation would refuse. */
class ServiceModelsTest {

  @Test
  void aMisspelledMember_aMissingRequiredOne_andABadEnum_areFound() throws Exception {
    var body =
        ServiceModels.JSON.readTree(
            "{\"stateMachinArn\":\"x\",\"statusFilter\":\"GOING\",\"maxResults\":5000}");

    assertThat(ServiceModels.check("stepfunctions", "ListExecutions", body, true))
        .anyMatch(f -> f.contains("stateMachinArn") && f.contains("no such member"))
        .anyMatch(f -> f.contains("'GOING' is not one of"))
        .anyMatch(f -> f.contains("maxResults") && f.contains("above the maximum"));
    assertThat(
            ServiceModels.check(
                "sagemaker", "DescribeTrainingJob", ServiceModels.JSON.readTree("{}"), true))
        .anyMatch(f -> f.contains("TrainingJobName: required"));
  }

  @Test
  void aNameTooLongOrOfTheWrongShape_isFound() throws Exception {
    var body = ServiceModels.JSON.readTree("{\"TrainingJobName\":\"" + "a".repeat(64) + "\"}");
    var logs = ServiceModels.JSON.readTree("{\"logGroupName\":\"!!!\"}");

    assertThat(ServiceModels.check("sagemaker", "DescribeTrainingJob", body, true))
        .anyMatch(f -> f.contains("above the maximum 63"));
    assertThat(ServiceModels.check("logs", "DescribeLogStreams", logs, true))
        .anyMatch(f -> f.contains("does not match"));
  }
}
