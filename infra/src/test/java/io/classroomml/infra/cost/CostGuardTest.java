package io.classroomml.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.classroomml.infra.TestClassrooms;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration and cost guard together, as synth runs them: no CDK needed. */
class CostGuardTest {

  private static final CostGuard GUARD = new CostGuard(PriceTable.bundled());

  static Map<String, Object> valid() {
    return TestClassrooms.minimalContext("alice,bob=bob@uni.example");
  }

  private static ClassEstimate check(Map<String, Object> context) {
    return GUARD.check(ConfigReader.read(context));
  }

  private static Map<String, Object> with(Object... keysAndValues) {
    Map<String, Object> context = valid();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] == null) {
        context.remove((String) keysAndValues[i]);
      } else {
        context.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return context;
  }

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        Arguments.of("missing region", with("region", null), "region", "-c region=us-east-1"),
        Arguments.of("malformed region", with("region", "useast1"), "region", "us-east-1"),
        Arguments.of("unpriced region", with("region", "ap-south-1"), "region", "eu-west-1"),
        Arguments.of("missing account", with("account", null), "account", "AWS_PROFILE"),
        Arguments.of("short account", with("account", "12345"), "account", "12-digit"),
        Arguments.of("no students", with("students", null), "students", "alice,bob"),
        Arguments.of("upper-case id", with("students", "Alice"), "students", "e.g. alice"),
        Arguments.of("duplicate student", with("students", "alice,alice"), "students", "twice"),
        Arguments.of("id too long", with("students", "abcdefghijklmn"), "students", "1 to 12"),
        Arguments.of(
            "bad e-mail", with("students", "bob=not-an-email"), "students", "e-mail address"),
        Arguments.of(
            "model for someone not in the class",
            with("models", "dave=training/x/output/model.tar.gz"),
            "models",
            "alice, bob"),
        Arguments.of(
            "model given as s3 url",
            with("models", "alice=s3://b/model.tar.gz"),
            "models",
            "model.tar.gz"),
        Arguments.of(
            "missing training image",
            with("trainingImageDigest", null),
            "trainingImageDigest",
            "sha256:"),
        Arguments.of(
            "image by tag",
            with("inferenceImageDigest", "latest"),
            "inferenceImageDigest",
            "64 lower-case hex"),
        Arguments.of(
            "instance type not in the region",
            with("region", "eu-west-1", "trainingInstanceType", "ml.g5.2xlarge"),
            "trainingInstanceType",
            "not offered for training in eu-west-1"),
        Arguments.of(
            "serverless without a price in the region",
            with(
                "region", "eu-west-1",
                "transformInstanceType", "ml.m5.xlarge"),
            "endpointMode",
            "endpointMode=realtime"),
        Arguments.of(
            "GPU on serverless",
            with("endpointInstanceType", "ml.g4dn.xlarge"),
            "endpointInstanceType",
            "no GPUs"),
        Arguments.of(
            "runtime over 28 days",
            with("trainingMaxRuntimeSeconds", "2419201", "trainingMaxWaitSeconds", "2419201"),
            "trainingMaxRuntimeSeconds",
            "28 days"),
        Arguments.of(
            "spot wait shorter than runtime",
            with("trainingMaxRuntimeSeconds", "7200", "trainingMaxWaitSeconds", "3600"),
            "trainingMaxWaitSeconds",
            "at least 7200"),
        Arguments.of(
            "serverless memory off the 1 GB steps",
            with("serverlessMemoryMb", "3000"),
            "serverlessMemoryMb",
            "e.g. 3072"),
        Arguments.of(
            "serverless memory above 6 GB",
            with("serverlessMemoryMb", "8192"),
            "serverlessMemoryMb",
            "e.g. 6144"),
        Arguments.of(
            "serverless concurrency above 200",
            with("serverlessMaxConcurrency", "201"),
            "serverlessMaxConcurrency",
            "at most 200"),
        Arguments.of(
            "over budget", with("budgetUsd", "10"), "budgetUsd", "largest item is tuning job"),
        Arguments.of(
            "real-time endpoint over budget",
            with(
                "endpointMode", "realtime",
                "endpointInstanceType", "ml.p3.2xlarge",
                "endpointMaxCapacity", "10",
                "models", "alice=m/model.tar.gz"),
            "budgetUsd",
            "endpointMaxCapacity"),
        Arguments.of(
            "min capacity above max",
            with(
                "endpointMode", "realtime", "endpointMinCapacity", "3", "endpointMaxCapacity", "2"),
            "endpointMinCapacity",
            "above endpointMaxCapacity"),
        Arguments.of(
            "too many endpoint instances",
            with("endpointMode", "realtime", "endpointMaxCapacity", "50"),
            "endpointMaxCapacity",
            "at most 10"),
        Arguments.of(
            "instance not allowed",
            with("allowedInstanceTypes", "ml.m5.large"),
            "trainingInstanceType",
            "allowedInstanceTypes"),
        Arguments.of(
            "data in another region",
            with("sharedData", "s3://course-data/cifar10@eu-west-1"),
            "sharedData",
            "copy it to a bucket in us-east-1"),
        Arguments.of(
            "data without its region",
            with("sharedData", "s3://course-data/cifar10"),
            "sharedData",
            "naming the bucket's region"),
        Arguments.of(
            "expiry not a date", with("expiresAt", "next friday"), "expiresAt", "ISO-8601"),
        Arguments.of(
            "thresholds out of order",
            with("budgetThresholds", "80,50"),
            "budgetThresholds",
            "increasing order"),
        Arguments.of(
            "spot not boolean", with("trainingSpot", "yes"), "trainingSpot", "true or false"),
        Arguments.of(
            "missing tuning spec file",
            with("tuningSpec", "no/such/spec.json"),
            "tuningSpec",
            "no such file"),
        Arguments.of(
            "transform runtime over 28 days",
            with("transformMaxRuntimeSeconds", "3000000"),
            "transformMaxRuntimeSeconds",
            "28 days"),
        Arguments.of(
            "instance type without ml. prefix",
            with("trainingInstanceType", "p3.2xlarge"),
            "trainingInstanceType",
            "ml.m5.large"),
        Arguments.of(
            "unknown endpoint mode",
            with("endpointMode", "provisioned"),
            "endpointMode",
            "serverless or realtime"),
        Arguments.of("negative budget", with("budgetUsd", "-5"), "budgetUsd", "above 0"),
        Arguments.of(
            "eleven thresholds are eleven budget notifications",
            with("budgetThresholds", "10,20,30,40,50,60,70,80,90,100,110"),
            "budgetThresholds",
            "AWS Budgets allows at most 10"),
        Arguments.of(
            "several training hosts train nothing more",
            with("trainingInstanceCount", "2"),
            "trainingInstanceCount",
            "several GPUs"),
        Arguments.of(
            "mistyped key", with("budgetUSD", "5"), "budgetUSD", "did you mean 'budgetUsd'?"),
        Arguments.of(
            "id with the name separator",
            with("students", "alice,alice--b"),
            "students",
            "may not contain '--'"));
  }

  @Test
  void check_tenThresholds_areAccepted() {
    assertThat(check(with("budgetThresholds", "10,20,30,40,50,60,70,80,90,100")).students())
        .hasSize(2);
  }

  @Test
  void check_idsSharingAPrefix_areAcceptedBecauseTheirNamesCannotOverlap() {
    Map<String, Object> context = with("students", "alice,alice-train,alice-b");

    assertThat(check(context).students()).hasSize(3);
    assertThat(
            io.classroomml.infra.Names.overlappingPrefixes(
                java.util.List.of("alice", "alice-train", "alice-b")))
        .isEmpty();
  }

  @Test
  void check_idAtTheLengthLimit_fitsEveryNameSageMakerIsGiven() {
    String id = "a-" + "b".repeat(10);

    assertThat(check(with("students", id)).students()).hasSize(1);
    assertThat(io.classroomml.infra.Names.longestNames(id))
        .allSatisfy((name, kind) -> assertThat(kind.isValid(name)).as(name).isTrue())
        .containsEntry(
            id + "--tune-ffffffffffff", io.classroomml.contract.SageMakerName.TUNING_JOB);
    assertThat((id + "--tune-ffffffffffff").length()).isEqualTo(31);
  }

  @Test
  void overlappingPrefixes_namesBothIdsOfAPairThatWouldShareNames() {
    assertThat(
            io.classroomml.infra.Names.overlappingPrefixes(
                java.util.List.of("alice", "alice--b", "bob")))
        .containsExactly("alice and alice--b");
  }

  @Test
  void check_unknownKeys_areAllNamedWithTheKeyTheyProbablyMeant() {
    Map<String, Object> context = with("budgetUSD", "5", "trainingSpto", "false", "colour", "red");

    assertThatThrownBy(() -> check(context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'budgetUSD' (did you mean 'budgetUsd'?)")
        .hasMessageContaining("'trainingSpto' (did you mean 'trainingSpot'?)")
        .hasMessageContaining("'colour'");
  }

  @Test
  void check_theCdksOwnKeys_areAccepted() {
    Map<String, Object> context =
        with(
            "@aws-cdk/core:newStyleStackSynthesis",
            true,
            "aws:cdk:enable-path-metadata",
            true,
            "aws:cdk:enable-asset-metadata",
            true,
            "aws:cdk:version-reporting",
            true,
            "aws:cdk:bundling-stacks",
            java.util.List.of("**"),
            "@aws-cdk/core:bootstrapQualifier",
            "hnb659fds",
            "cli-telemetry",
            false,
            "acknowledged-issue-numbers",
            java.util.List.of(34892),
            "availability-zones:account=111122223333:region=us-east-1",
            java.util.List.of("a"),
            "cdkNag",
            "false");

    assertThat(check(context).students()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void check_badConfiguration_namesTheSettingAndAnAlternative(
      String why, Map<String, Object> context, String key, String hint) {
    assertThatThrownBy(() -> check(context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("context key '" + key + "'")
        .hasMessageContaining(hint)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo(key);
  }

  @Test
  void check_badTuningSpec_namesTheFileAndTheField(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("spec.json");
    Files.writeString(
        spec,
        "{\"Strategy\": \"Hyperband\", \"HyperParameterTuningJobObjective\": {\"Type\":"
            + " \"Maximize\", \"MetricName\": \"validation:accuracy\"}, \"ResourceLimits\":"
            + " {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2},"
            + " \"ParameterRanges\": {\"CategoricalParameterRanges\": [{\"Name\": \"model\","
            + " \"Values\": [\"smallcnn\"]}]}, \"TrainingJobEarlyStoppingType\": \"Auto\","
            + " \"StaticHyperParameters\": {\"epochs\": \"5\"}}");

    assertThatThrownBy(() -> check(with("tuningSpec", spec.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'tuningSpec' = '" + spec + "'")
        .hasMessageContaining("TrainingJobEarlyStoppingType = Auto");
  }

  @Test
  void check_defaults_priceTrainingAtOnDemandForTheWholeRuntime() {
    StudentEstimate alice = check(valid()).students().get(0);

    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("training job"))
        .singleElement()
        .satisfies(l -> assertThat(l.usd()).isCloseTo(0.7364 * 2, within(1e-9)));
    // 12 trials of the default tuning spec, each a full training job.
    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("tuning job"))
        .singleElement()
        .satisfies(l -> assertThat(l.usd()).isCloseTo(12 * 0.7364 * 2, within(1e-9)));
    assertThat(alice.totalUsd()).isLessThan(alice.budgetUsd());
  }

  @Test
  void check_studentWithServerlessModel_addsAFullyBusyDay() {
    StudentEstimate alice = check(with("models", "alice=m/model.tar.gz")).students().get(0);

    // 2 GB x 5 concurrent x 86 400 s x $0.00002 per GB-second.
    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("serverless endpoint-day"))
        .singleElement()
        .satisfies(l -> assertThat(l.usd()).isCloseTo(2 * 5 * 86_400 * 0.00002, within(1e-9)));
  }

  @Test
  void check_realtimeEndpoint_countsMaxCapacityAllDay() {
    StudentEstimate alice =
        check(
                with(
                    "endpointMode", "realtime",
                    "endpointMaxCapacity", "3",
                    "models", "alice=m/model.tar.gz"))
            .students()
            .get(0);

    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("real-time endpoint-day"))
        .singleElement()
        .satisfies(l -> assertThat(l.usd()).isCloseTo(3 * 0.115 * 24, within(1e-9)));
  }

  @Test
  void check_tuningTimeCap_boundsTheTuningCost(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("capped.json");
    Files.writeString(
        spec,
        "{\"Strategy\": \"Random\", \"HyperParameterTuningJobObjective\": {\"Type\":"
            + " \"Minimize\", \"MetricName\": \"validation:loss\"}, \"ResourceLimits\":"
            + " {\"MaxNumberOfTrainingJobs\": 100, \"MaxParallelTrainingJobs\": 2,"
            + " \"MaxRuntimeInSeconds\": 3600}, \"ParameterRanges\":"
            + " {\"ContinuousParameterRanges\": [{\"Name\": \"learning_rate\", \"MinValue\":"
            + " \"0.001\", \"MaxValue\": \"0.1\", \"ScalingType\": \"Logarithmic\"}]}}");

    StudentEstimate alice = check(with("tuningSpec", spec.toString())).students().get(0);

    // 2 parallel trials for one hour, not 100 trials of two hours.
    assertThat(alice.lines())
        .filteredOn(l -> l.item().equals("tuning job"))
        .singleElement()
        .satisfies(l -> assertThat(l.usd()).isCloseTo(2 * 0.7364, within(1e-9)));
  }

  @Test
  void writeJson_writesEveryStudentAndLine(@TempDir Path dir) throws IOException {
    ClassEstimate estimate = check(valid());
    Path file = dir.resolve("out/estimate.json");

    estimate.writeJson(file);

    String json = Files.readString(file);
    assertThat(json)
        .contains(
            "\"student\" : \"alice\"", "\"student\" : \"bob\"", "\"pricesAsOf\" : \"2026-11-21\"")
        .contains("tuning job");
    assertThat(estimate.toText()).contains("class total");
  }

  @Test
  void configReader_valuesFromCdkJsonMayBeNumbersAndBooleans() {
    Map<String, Object> context = new HashMap<>(valid());
    context.put("trainingSpot", false);
    context.put("trainingMaxRuntimeSeconds", 3600);
    context.put("budgetUsd", 75.5);

    ClassroomConfig config = ConfigReader.read(context::get);

    assertThat(config.training().spot()).isFalse();
    assertThat(config.training().maxRuntimeSeconds()).isEqualTo(3600);
    assertThat(config.budgetUsd()).isEqualTo(75.5);
  }
}
