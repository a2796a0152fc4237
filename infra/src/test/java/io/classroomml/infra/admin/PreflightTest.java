package io.classroomml.infra.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.infra.admin.Check.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

class PreflightTest {

  @TempDir Path dir;

  private PreflightReport run(FakeAws aws, Map<String, Object> context, List<String> c)
      throws Exception {
    ClassContext ctx = ClassContext.load(TestRoots.create(dir, context), c);
    return new Preflight(aws.clients(), ctx, Optional.of("us-east-1"), false).run();
  }

  private static Check row(PreflightReport report, String name, Status status) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name) && c.status() == status)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + status + " " + name + " row in\n" + report.table()));
  }

  @Test
  void readyAccount_passesEveryCheck_withRequestsTheModelsAccept() throws Exception {
    FakeAws aws = FakeAws.readyAccount();

    PreflightReport report =
        run(
            aws,
            Map.of(),
            List.of(
                "trainingImageDigest=" + TestRoots.TRAINING,
                "inferenceImageDigest=" + TestRoots.INFERENCE));

    assertThat(report.failed()).as(report.table()).isFalse();
    assertThat(aws.problems).isEmpty();
    assertThat(aws.calls())
        .containsExactly(
            "sts:GetCallerIdentity",
            "ssm:GetParameter",
            "ce:ListCostAllocationTags",
            "service-quotas:ListServiceQuotas",
            "ecr:DescribeImages",
            "ecr:DescribeImages");
    assertThat(aws.requests.get(1).input().path("Name").asText())
        .isEqualTo("/cdk-bootstrap/hnb659fds/version");
    assertThat(aws.requests.get(4).input().path("repositoryName").asText())
        .isEqualTo("classroom-ml/training");
    assertThat(report.table()).contains("at most $", "/hour for the class");
  }

  @Test
  void accountDefaultsToTheCredentials_whenCdkJsonNamesNone() throws Exception {
    PreflightReport report = run(FakeAws.readyAccount(), Map.of(), List.of());

    assertThat(report.config().orElseThrow().account()).isEqualTo(FakeAws.ACCOUNT);
    assertThat(report.config().orElseThrow().region()).isEqualTo("us-east-1");
  }

  @Test
  void credentialsOfAnotherAccount_failNamingBothAccountsAndTheFix() throws Exception {
    PreflightReport report =
        run(FakeAws.readyAccount(), Map.of("account", "210987654321"), List.of());

    Check row = row(report, "credentials", Status.FAIL);
    assertThat(row.detail()).contains(FakeAws.ACCOUNT, "210987654321");
    assertThat(row.fix()).contains("AWS_PROFILE", "-c account=" + FakeAws.ACCOUNT);
  }

  @Test
  void noCredentials_failWithHowToSignIn() throws Exception {
    AwsCredentialsProvider none =
        () -> {
          throw SdkClientException.create("Unable to load credentials from any of the providers");
        };
    ClassContext ctx = ClassContext.load(TestRoots.create(dir, Map.of()), List.of());

    PreflightReport report =
        new Preflight(AwsClients.using(new FakeAws(), none), ctx, Optional.of("us-east-1"), false)
            .run();

    assertThat(row(report, "credentials", Status.FAIL).fix())
        .contains("aws sso login", "--profile");
  }

  @Test
  void notBootstrapped_failsWithTheBootstrapCommand() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount().error("ssm", "GetParameter", 400, "ParameterNotFound", "not found");

    PreflightReport report = run(aws, Map.of(), List.of());

    assertThat(row(report, "bootstrap", Status.FAIL).fix())
        .contains("cdk bootstrap aws://" + FakeAws.ACCOUNT + "/us-east-1");
    assertThat(aws.problems).isEmpty();
  }

  @Test
  void costTagInactive_failsWithHowToActivateIt() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount()
            .json(
                "ce",
                "ListCostAllocationTags",
                "{\"CostAllocationTags\": [{\"TagKey\": \"classroom-ml:student\", \"Type\":"
                    + " \"UserDefined\", \"Status\": \"Inactive\"}]}");

    PreflightReport report = run(aws, Map.of(), List.of());

    Check row = row(report, "cost tag", Status.FAIL);
    assertThat(row.detail()).contains("Inactive", "$0");
    assertThat(row.fix()).contains("Cost allocation tags", "Activate");
  }

  @Test
  void costTagNotYetSeen_warnsToActivateItAfterTheFirstDeploy() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount().json("ce", "ListCostAllocationTags", "{\"CostAllocationTags\": []}");

    PreflightReport report = run(aws, Map.of(), List.of());

    assertThat(row(report, "cost tag", Status.WARN).fix()).contains("after the first deploy");
    assertThat(report.failed()).isFalse();
  }

  @Test
  void spotQuotaBelowWhatTheClassRunsAtOnce_failsWithTheQuotaToRequest() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount()
            .quotas(
                Map.of(
                    "ml.g4dn.xlarge for spot training job usage", 0.0,
                    "ml.m5.large for transform job usage", 4.0));

    PreflightReport report = run(aws, Map.of(), List.of());

    // 2 students x 1 run at once x (1 training + 3 parallel tuning trials) = 8 instances.
    Check row = row(report, "quota", Status.FAIL);
    assertThat(row.detail())
        .contains("ml.g4dn.xlarge for spot training job usage' is 0", "can use 8 at once");
    assertThat(row.fix()).contains("request 8", "Service Quotas", "maxConcurrentJobs");
  }

  @Test
  void imageMissingInEcr_failsNamingBuildImages() throws Exception {
    FakeAws aws =
        FakeAws.readyAccount()
            .error("ecr", "DescribeImages", 400, "ImageNotFoundException", "no such image");

    PreflightReport report =
        run(
            aws,
            Map.of(),
            List.of(
                "trainingImageDigest=" + TestRoots.TRAINING,
                "inferenceImageDigest=" + TestRoots.INFERENCE));

    assertThat(row(report, "images", Status.FAIL).fix()).contains("scripts/build-images");
    assertThat(aws.problems).isEmpty();
  }

  @Test
  void regionWithoutPrices_failsNamingThePricedRegions() throws Exception {
    PreflightReport report = run(FakeAws.readyAccount(), Map.of("region", "ap-south-1"), List.of());

    assertThat(row(report, "region", Status.FAIL).fix()).contains("us-east-1");
  }

  @Test
  void badSetting_failsNamingTheKey() throws Exception {
    PreflightReport report =
        run(FakeAws.readyAccount(), Map.of(), List.of("serverlessMemoryMb=3000"));

    Check row = row(report, "configuration", Status.FAIL);
    assertThat(row.detail()).contains("serverlessMemoryMb", "3072");
  }
}
