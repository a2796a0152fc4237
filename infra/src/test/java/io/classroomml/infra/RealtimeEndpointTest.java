package io.classroomml.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Alice's real-time endpoint: instances, isolation and target-tracking autoscaling. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeEndpointTest {

  private Template alice;

  @BeforeAll
  void synthesize() {
    alice = Template.fromStack(TestClassrooms.realtime().students().get(0));
  }

  @Test
  void endpointConfig_startsAtMinimumCapacityOnTheHostingInstance() {
    alice.hasResourceProperties(
        "AWS::SageMaker::EndpointConfig",
        Match.objectLike(
            Map.of(
                "ProductionVariants",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "InstanceType",
                            "ml.m5.large",
                            "InitialInstanceCount",
                            1,
                            "ServerlessConfig",
                            Match.absent()))))));
    alice.hasResourceProperties(
        "AWS::SageMaker::Model", Match.objectLike(Map.of("EnableNetworkIsolation", true)));
  }

  @Test
  void autoscaling_tracksInvocationsPerInstanceUpToMaxCapacity() {
    alice.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        Match.objectLike(
            Map.of(
                "ServiceNamespace",
                "sagemaker",
                "ScalableDimension",
                "sagemaker:variant:DesiredInstanceCount",
                "MinCapacity",
                1,
                "MaxCapacity",
                3)));
    alice.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        Match.objectLike(
            Map.of(
                "PolicyType",
                "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration",
                Match.objectLike(
                    Map.of(
                        "TargetValue", 70,
                        "ScaleInCooldown", 600,
                        "ScaleOutCooldown", 300,
                        "PredefinedMetricSpecification",
                            Map.of(
                                "PredefinedMetricType",
                                "SageMakerVariantInvocationsPerInstance"))))));
  }

  @Test
  void trainingReadsTheStudentsOwnBucketWithoutSharedData() {
    alice.hasResourceProperties(
        "AWS::StepFunctions::StateMachine",
        Match.objectLike(Map.of("DefinitionString", Match.objectLike(Map.of()))));
    com.fasterxml.jackson.databind.JsonNode states =
        Definitions.named(alice, "Training").at("/States");
    org.assertj.core.api.Assertions.assertThat(
            states.at("/WithValidationChannel/Result").findValuesAsText("S3Uri"))
        .hasSize(2)
        .allMatch(uri -> uri.matches("s3://ref-bucketsdata[0-9a-f]{8}/(train|validation)/"));
    org.assertj.core.api.Assertions.assertThat(
            states.at("/FindTrainingData/Parameters/Prefix").asText())
        .isEqualTo("train/");
  }
}
