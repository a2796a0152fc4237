package io.classroomml.infra.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusAndTeardownTest {

  @TempDir Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(FakeAws aws, String... args) throws Exception {
    TestRoots.create(dir, Map.of("expiresAt", "2027-01-31T00:00:00Z"));
    ClassroomCli.Wiring wiring =
        new ClassroomCli.Wiring(
            profile -> aws.clients(),
            profile -> Optional.of("us-east-1"),
            profile -> new DeployTest.RecordedCommands(),
            dir,
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return ClassroomCli.execute(wiring, new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Alice trains; a job of someone whose name merely contains "alice--" must not count. */
  static FakeAws aliceTraining() {
    return FakeAws.readyAccount()
        .json(
            "sagemaker",
            "ListTrainingJobs",
            in ->
                in.path("NameContains").asText().equals("alice--")
                    ? "{\"TrainingJobSummaries\": ["
                        + job("alice--train-0a1b2c3d4e5f", "InProgress")
                        + ","
                        + job("xalice--train-0a1b2c3d4e5f", "InProgress")
                        + ","
                        + job("alice--train-ffffffffffff", "Completed")
                        + "]}"
                    : "{\"TrainingJobSummaries\": []}");
  }

  static String job(String name, String status) {
    return "{\"TrainingJobName\": \""
        + name
        + "\", \"TrainingJobArn\": \"arn:aws:sagemaker:us-east-1:"
        + FakeAws.ACCOUNT
        + ":training-job/"
        + name
        + "\", \"CreationTime\": 1764460800, \"TrainingJobStatus\": \""
        + status
        + "\"}";
  }

  @Test
  void status_showsRunningJobsSpendAgainstBudgetAndExpiry() throws Exception {
    FakeAws aws =
        aliceTraining()
            .json(
                "budgets",
                "DescribeBudgets",
                "{\"Budgets\": [{\"BudgetName\": \"Budget-AbC\", \"BudgetLimit\": {\"Amount\":"
                    + " \"50\", \"Unit\": \"USD\"}, \"CostFilters\": {\"TagKeyValue\":"
                    + " [\"user:classroom-ml:student$alice\"]}, \"TimeUnit\": \"MONTHLY\","
                    + " \"BudgetType\": \"COST\", \"CalculatedSpend\": {\"ActualSpend\":"
                    + " {\"Amount\": \"12.5\", \"Unit\": \"USD\"}}}]}");

    int status = run(aws, "status");

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out())
        .contains("training job alice--train-0a1b2c3d4e5f (InProgress)")
        .contains("$12.50 of $50.00 (25%)")
        .contains("2027-01-31T00:00:00Z")
        .doesNotContain("xalice--", "ffffffffffff");
    assertThat(out().lines().filter(l -> l.startsWith("bob")))
        .singleElement()
        .asString()
        .contains("no budget");
    assertThat(aws.problems).isEmpty();
  }

  @Test
  void verifyTeardown_nothingLeft_exitsZero() throws Exception {
    FakeAws aws = FakeAws.readyAccount();

    int status = run(aws, "verify-teardown");

    assertThat(status).isZero();
    assertThat(out()).contains("nothing of the class is left");
    assertThat(aws.calls())
        .contains("resourcegroupstaggingapi:GetResources", "sagemaker:ListEndpoints");
    assertThat(aws.problems).isEmpty();
  }

  @Test
  void verifyTeardown_runningJobLeft_exitsOneNamingDestroy() throws Exception {
    FakeAws aws = aliceTraining();

    int status = run(aws, "verify-teardown");

    assertThat(status).isEqualTo(1);
    assertThat(out()).contains("alice", "yes", "alice--train-0a1b2c3d4e5f");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("scripts/destroy");
  }

  @Test
  void verifyTeardown_onlyAnIdleTopicTagged_isListedButDoesNotFail() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount()
            .json(
                "resourcegroupstaggingapi",
                "GetResources",
                "{\"ResourceTagMappingList\": [{\"ResourceARN\":"
                    + " \"arn:aws:sns:us-east-1:123456789012:Classroom-bob-Alerts\", \"Tags\":"
                    + " [{\"Key\": \"classroom-ml:student\", \"Value\": \"bob\"}]}]}");

    int status = run(aws, "verify-teardown");

    assertThat(status).isZero();
    assertThat(out()).contains("bob", "tagged sns", "Classroom-bob-Alerts");
    assertThat(aws.problems).isEmpty();
  }
}
