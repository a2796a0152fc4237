package io.classroomml.infra.constructs;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.EndpointMode;
import io.classroomml.infra.config.EndpointSettings;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.PredefinedMetric;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.ServiceNamespace;
import software.amazon.awscdk.services.applicationautoscaling.TargetTrackingScalingPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.sagemaker.CfnEndpoint;
import software.amazon.awscdk.services.sagemaker.CfnEndpointConfig;
import software.amazon.awscdk.services.sagemaker.CfnModel;
import software.constructs.Construct;

/**
 * A trained model served by CloudFormation-managed Model, EndpointConfig and Endpoint (so {@code
 * cdk destroy} removes them): serverless (memory and concurrency, CPU only) or real-time with
 * target-tracking autoscaling on invocations per instance.
 */
public final class ModelEndpoint extends Construct {

  /** The production variant's name. */
  public static final String VARIANT = "AllTraffic";

  /** AWS's example target: average invocations per instance per minute. */
  static final double INVOCATIONS_PER_INSTANCE_TARGET = 70;

  private final CfnEndpoint endpoint;

  /**
   * @param props what this construct is built from
   */
  public ModelEndpoint(Construct scope, String id, ModelEndpointProps props) {
    super(scope, id);
    String studentId = props.studentId();
    String inferenceImage = props.inferenceImage();
    String modelDataUrl = props.modelDataUrl();
    IRole executionRole = props.executionRole();
    EndpointSettings settings = props.settings();
    boolean serverless = settings.mode() == EndpointMode.SERVERLESS;
    CfnModel model =
        CfnModel.Builder.create(this, "Model")
            .executionRoleArn(executionRole.getRoleArn())
            .primaryContainer(
                CfnModel.ContainerDefinitionProperty.builder()
                    .image(inferenceImage)
                    .modelDataUrl(modelDataUrl)
                    .build())
            // Serverless endpoints do not support network isolation; real-time ones get it.
            .enableNetworkIsolation(!serverless)
            .build();
    CfnEndpointConfig.ProductionVariantProperty.Builder variant =
        CfnEndpointConfig.ProductionVariantProperty.builder()
            .variantName(VARIANT)
            .modelName(model.getAttrModelName());
    if (serverless) {
      variant.serverlessConfig(
          CfnEndpointConfig.ServerlessConfigProperty.builder()
              .memorySizeInMb(settings.serverlessMemoryMb())
              .maxConcurrency(settings.serverlessMaxConcurrency())
              .build());
    } else {
      variant
          .instanceType(settings.instanceType())
          .initialInstanceCount(settings.minCapacity())
          .initialVariantWeight(1);
    }
    CfnEndpointConfig config =
        CfnEndpointConfig.Builder.create(this, "Config")
            .productionVariants(List.of(variant.build()))
            .build();
    this.endpoint =
        CfnEndpoint.Builder.create(this, "Endpoint")
            .endpointName(Names.endpointName(studentId))
            .endpointConfigName(config.getAttrEndpointConfigName())
            .build();
    if (!serverless) {
      ScalableTarget target =
          ScalableTarget.Builder.create(this, "Scaling")
              .serviceNamespace(ServiceNamespace.SAGEMAKER)
              .resourceId("endpoint/" + endpoint.getAttrEndpointName() + "/variant/" + VARIANT)
              .scalableDimension("sagemaker:variant:DesiredInstanceCount")
              .minCapacity(settings.minCapacity())
              .maxCapacity(settings.maxCapacity())
              .build();
      target.getNode().addDependency(endpoint);
      TargetTrackingScalingPolicy.Builder.create(this, "InvocationsPerInstance")
          .scalingTarget(target)
          .predefinedMetric(PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE)
          .targetValue(INVOCATIONS_PER_INSTANCE_TARGET)
          .scaleInCooldown(Duration.seconds(600))
          .scaleOutCooldown(Duration.seconds(300))
          .build();
    }
  }

  /** The endpoint. */
  public CfnEndpoint endpoint() {
    return endpoint;
  }
}
