package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.MetricDefinitions;
import io.classroomml.contract.tuning.TuningSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Alice's stack of the serverless classroom (she has a model; bob has none), by intent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudentStackTest {

  private Template alice;
  private Template bob;
  private JsonNode training;
  private JsonNode tuning;
  private JsonNode transform;

  @BeforeAll
  void synthesize() {
    Classroom classroom = TestClassrooms.serverless();
    alice = Template.fromStack(classroom.students().get(0));
    bob = Template.fromStack(classroom.students().get(1));
    training = Definitions.named(alice, "Training").at("/States/Train");
    tuning = Definitions.named(alice, "Tuning").at("/States/Tune");
    transform = Definitions.named(alice, "BatchTransform");
  }

  @Test
  void buckets_areEncryptedPrivateTlsOnlyAndArtifactsVersioned() {
    alice.resourceCountIs("AWS::S3::Bucket", 2);
    alice.allResourcesProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "BucketEncryption",
                Map.of(
                    "ServerSideEncryptionConfiguration",
                    List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration",
                Map.of(
                    "BlockPublicAcls", true,
                    "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true,
                    "RestrictPublicBuckets", true),
                "LifecycleConfiguration",
                Match.objectLike(Map.of("Rules", Match.anyValue())))));
    alice.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(Map.of("VersioningConfiguration", Map.of("Status", "Enabled"))));
    alice.resourceCountIs("AWS::S3::BucketPolicy", 2);
    alice.allResourcesProperties(
        "AWS::S3::BucketPolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of(
                                            "Bool",
                                            Map.of("aws:SecureTransport", "false")))))))))));
  }

  @Test
  void trainingJob_usesGpuSpotWithCheckpointsAndIsolation() {
    assertThat(training.at("/Resource").asText()).endsWith(":sagemaker:createTrainingJob.sync");
    JsonNode p = training.at("/Parameters");
    assertThat(p.at("/ResourceConfig/InstanceType").asText()).isEqualTo("ml.g4dn.xlarge");
    assertThat(p.at("/EnableManagedSpotTraining").asBoolean()).isTrue();
    assertThat(p.at("/StoppingCondition/MaxRuntimeInSeconds").asLong()).isEqualTo(7200);
    assertThat(p.at("/StoppingCondition/MaxWaitTimeInSeconds").asLong()).isEqualTo(14400);
    assertThat(p.at("/CheckpointConfig/LocalPath").asText()).isEqualTo("/opt/ml/checkpoints");
    assertThat(p.at("/CheckpointConfig/S3Uri.$").asText()).contains("checkpoints/");
    assertThat(p.at("/EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(p.at("/AlgorithmSpecification/TrainingImage").asText())
        .endsWith("/classroom-ml/training@" + TestClassrooms.TRAINING_DIGEST);
    assertThat(p.at("/Tags/0/Key").asText()).isEqualTo(Names.STUDENT_TAG);
    assertThat(p.at("/Tags/0/Value").asText()).isEqualTo("alice");
  }

  @Test
  void trainingJob_readsTheSharedDataSetInItsRegion() {
    JsonNode states = Definitions.named(alice, "Training").at("/States");
    assertThat(states.at("/FindTrainingData/Parameters/Bucket").asText()).isEqualTo("course-data");
    assertThat(states.at("/FindTrainingData/Parameters/Prefix").asText())
        .isEqualTo("cifar10/train/");
    assertThat(states.at("/WithValidationChannel/Result/0/DataSource/S3DataSource/S3Uri").asText())
        .isEqualTo("s3://course-data/cifar10/train/");
  }

  @Test
  void trainingAndTuningJobs_getTheValidationChannelOnlyWhenItHoldsData() {
    for (String pipeline : List.of("Training", "Tuning")) {
      JsonNode states = Definitions.named(alice, pipeline).at("/States");
      assertThat(states.at("/FindValidationData/Resource").asText())
          .endsWith(":states:::aws-sdk:s3:listObjectsV2");
      assertThat(states.at("/FindValidationData/Parameters/Prefix").asText())
          .isEqualTo("cifar10/validation/");
      assertThat(states.at("/HasValidationData/Choices/0/Next").asText())
          .isEqualTo("WithValidationChannel");
      assertThat(states.at("/HasValidationData/Default").asText())
          .isEqualTo("WithoutValidationChannel");
      assertThat(states.at("/WithValidationChannel/Result").findValuesAsText("ChannelName"))
          .containsExactly("train", "validation");
      assertThat(states.at("/WithoutValidationChannel/Result").findValuesAsText("ChannelName"))
          .containsExactly("train");
      // No training data: the execution fails before SageMaker starts an instance.
      assertThat(states.at("/HasTrainingData/Default").asText()).isEqualTo("NoTrainingData");
      assertThat(states.at("/NoTrainingData/Cause").asText())
          .contains("s3://course-data/cifar10/train/");
    }
    assertThat(training.at("/Parameters/InputDataConfig.$").asText()).isEqualTo("$.channels");
    assertThat(tuning.at("/Parameters/TrainingJobDefinition/InputDataConfig.$").asText())
        .isEqualTo("$.channels");
  }

  @Test
  void pipelines_mayListOnlyTheChannelPrefixes() {
    alice.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "s3:ListBucket",
                                        "Condition",
                                        Map.of(
                                            "StringEquals",
                                            Map.of(
                                                "s3:prefix",
                                                List.of(
                                                    "cifar10/train/",
                                                    "cifar10/validation/"))))))))))));
  }

  @Test
  void trainingJob_metricDefinitionsAreTheContractsOwn() {
    List<Map<String, String>> expected = new ArrayList<>();
    for (MetricDefinitions.MetricDefinition d : MetricDefinitions.all()) {
      expected.add(Map.of("Name", d.name(), "Regex", d.regex()));
    }

    List<Map<String, String>> actual = metricDefinitions(training.at("/Parameters"));

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void trainingPipeline_recordsTheModelArtifact() {
    JsonNode record = Definitions.named(alice, "Training").at("/States/RecordModel");
    assertThat(record.at("/Resource").asText()).endsWith(":aws-sdk:s3:putObject");
    assertThat(record.at("/Parameters/Key.$").asText()).contains("models/");
    assertThat(training.at("/ResultSelector/ModelArtifacts.$").asText())
        .isEqualTo("$.ModelArtifacts.S3ModelArtifacts");
  }

  @Test
  void tuningJob_isTheSpecInSageMakersShape() {
    TuningSpec spec = TuningSpec.defaultSpec();
    ObjectMapper json = new ObjectMapper();
    JsonNode p = tuning.at("/Parameters");

    assertThat(tuning.at("/Resource").asText())
        .endsWith(":sagemaker:createHyperParameterTuningJob.sync");
    // Compared as text: the numbers' Java types differ once they have been through JSON.
    assertThat(p.at("/HyperParameterTuningJobConfig").toString())
        .isEqualTo(json.valueToTree(spec.toHyperParameterTuningJobConfig()).toString());
    assertThat(p.at("/TrainingJobDefinition/StaticHyperParameters"))
        .isEqualTo(json.valueToTree(spec.staticHyperParameters()));
    assertThat(p.at("/TrainingJobDefinition/EnableManagedSpotTraining").asBoolean()).isTrue();
    assertThat(p.at("/TrainingJobDefinition/EnableNetworkIsolation").asBoolean()).isTrue();
  }

  @Test
  void tuningObjective_isAMetricTheTrainingDefinitionScrapes() {
    String objective =
        tuning
            .at(
                "/Parameters/HyperParameterTuningJobConfig/HyperParameterTuningJobObjective/MetricName")
            .asText();

    assertThat(metricDefinitions(tuning.at("/Parameters/TrainingJobDefinition")))
        .extracting(m -> m.get("Name"))
        .contains(objective);
  }

  @Test
  void batchTransform_createsATaggedModelAndDeletesItOnSuccessAndFailure() {
    JsonNode states = transform.at("/States");
    assertThat(states.at("/CreateModel/Parameters/EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(states.at("/Transform/Resource").asText())
        .endsWith(":sagemaker:createTransformJob.sync");
    assertThat(states.at("/Transform/TimeoutSeconds").asLong()).isEqualTo(3600);
    assertThat(states.at("/Transform/Next").asText()).isEqualTo("DeleteModel");
    assertThat(states.at("/Transform/Catch/0/Next").asText()).isEqualTo("DeleteModelAfterFailure");
    assertThat(states.at("/DeleteModelAfterFailure/Next").asText()).isEqualTo("TransformFailed");
  }

  @Test
  void pipelines_canOnlyCreateTaggedIsolatedJobsOfAllowedTypes() {
    alice.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "sagemaker:CreateTrainingJob",
                                        "Condition",
                                        Map.of(
                                            "StringEquals",
                                            Map.of("aws:RequestTag/" + Names.STUDENT_TAG, "alice"),
                                            "ForAllValues:StringEquals",
                                            Map.of(
                                                "sagemaker:InstanceTypes",
                                                List.of("ml.g4dn.xlarge", "ml.m5.large")),
                                            "Bool",
                                            Map.of("sagemaker:NetworkIsolation", "true")))))))))));
  }

  @Test
  void endpoint_isServerlessWithConfiguredMemoryAndConcurrency() {
    alice.resourceCountIs("AWS::SageMaker::Endpoint", 1);
    alice.hasResourceProperties(
        "AWS::SageMaker::Endpoint",
        Map.of("EndpointName", "alice--endpoint", "EndpointConfigName", Match.anyValue()));
    alice.hasResourceProperties(
        "AWS::SageMaker::EndpointConfig",
        Match.objectLike(
            Map.of(
                "ProductionVariants",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "ServerlessConfig",
                            Map.of("MemorySizeInMB", 2048, "MaxConcurrency", 5)))))));
    alice.hasResourceProperties(
        "AWS::SageMaker::Model",
        Match.objectLike(
            Map.of(
                "PrimaryContainer",
                Match.objectLike(
                    Map.of(
                        "Image", Match.objectLike(Map.of()), "ModelDataUrl", Match.anyValue())))));
    bob.resourceCountIs("AWS::SageMaker::Endpoint", 0);
    bob.resourceCountIs("AWS::SageMaker::Model", 0);
  }

  @Test
  void budget_alertsAtEachThresholdAndStopsAtTheLast() {
    alice.resourceCountIs("AWS::Budgets::Budget", 1);
    alice.hasResourceProperties(
        "AWS::Budgets::Budget",
        Match.objectLike(
            Map.of(
                "Budget",
                Match.objectLike(
                    Map.of(
                        "BudgetLimit",
                        Map.of("Amount", 50, "Unit", "USD"),
                        "BudgetType",
                        "COST",
                        "TimeUnit",
                        "MONTHLY",
                        "CostFilters",
                        Map.of("TagKeyValue", List.of("user:" + Names.STUDENT_TAG + "$alice")))),
                "NotificationsWithSubscribers",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Notification",
                                Match.objectLike(Map.of("Threshold", 100)),
                                "Subscribers",
                                Match.arrayWith(
                                    List.of(
                                        Map.of(
                                            "SubscriptionType", "EMAIL",
                                            "Address", "alice@uni.example"))))))))));
    // The last threshold's topic reaches the cleanup function, which attaches the deny policy.
    alice.resourceCountIs("AWS::SNS::Subscription", 1);
    alice.hasResourceProperties(
        "AWS::IAM::ManagedPolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Deny",
                                    "Action",
                                    Match.arrayWith(
                                        List.of(
                                            "sagemaker:CreateTrainingJob",
                                            "states:StartExecution"))))))))));
  }

  @Test
  void alarms_watchPipelinesAndTheEndpoint() {
    alice.resourceCountIs("AWS::CloudWatch::Alarm", 5);
    bob.resourceCountIs("AWS::CloudWatch::Alarm", 3);
    alice.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName", "Invocation5XXErrors",
                "Namespace", "AWS/SageMaker",
                "AlarmActions", Match.anyValue())));
  }

  @Test
  void dashboards_areTheClassDashboardUnlessAskedFor() {
    alice.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
    Template.fromStack(TestClassrooms.realtime().students().get(1))
        .resourceCountIs("AWS::CloudWatch::Dashboard", 1);
  }

  @Test
  void executionRole_hasNoManagedOrWildcardDataPolicies() {
    ObjectMapper json = new ObjectMapper();
    JsonNode resources = json.valueToTree(alice.toJSON()).path("Resources");
    List<String> roles = new ArrayList<>();
    List<JsonNode> statements = new ArrayList<>();
    resources
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode props = e.getValue().path("Properties");
              if (e.getValue().path("Type").asText().equals("AWS::IAM::Role")
                  && props.path("AssumeRolePolicyDocument").toString().contains("sagemaker.")) {
                roles.add(e.getKey());
                assertThat(props.path("ManagedPolicyArns")).as("managed policies").isEmpty();
                props
                    .path("Policies")
                    .forEach(p -> p.at("/PolicyDocument/Statement").forEach(statements::add));
              }
            });
    assertThat(roles).as("SageMaker execution roles").hasSize(1);
    resources.forEach(
        r -> {
          if (r.path("Type").asText().equals("AWS::IAM::Policy")
              && r.at("/Properties/Roles").toString().contains("\"" + roles.get(0) + "\"")) {
            r.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
          }
        });
    assertThat(statements).isNotEmpty();

    for (JsonNode statement : statements) {
      List<String> actions = new ArrayList<>();
      JsonNode action = statement.path("Action");
      (action.isArray() ? action : json.createArrayNode().add(action))
          .forEach(a -> actions.add(a.asText()));
      assertThat(actions).as("actions of %s", statement).noneMatch(a -> a.contains("*"));
      if (actions.stream().noneMatch(a -> a.startsWith("s3:"))) {
        continue;
      }
      JsonNode resource = statement.path("Resource");
      for (JsonNode r : resource.isArray() ? resource : json.createArrayNode().add(resource)) {
        // Wildcards only in object keys, under a bucket named in full (or by reference).
        String arn = text(r);
        String path = arn.contains(":s3:::") ? arn.substring(arn.indexOf(":s3:::") + 6) : arn;
        String bucket = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        assertThat(bucket).as("bucket of %s in %s", arn, statement).doesNotContain("*", "?");
      }
    }
  }

  /** A resource as text: Fn::Join joined, any other intrinsic a wildcard-free {@code <ref>}. */
  private static String text(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    JsonNode join = node.path("Fn::Join");
    if (join.isArray()) {
      List<String> parts = new ArrayList<>();
      join.get(1).forEach(p -> parts.add(text(p)));
      return String.join(join.get(0).asText(), parts);
    }
    return "<ref>";
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, String>> metricDefinitions(JsonNode request) {
    return new ObjectMapper()
        .convertValue(request.at("/AlgorithmSpecification/MetricDefinitions"), List.class);
  }
}
