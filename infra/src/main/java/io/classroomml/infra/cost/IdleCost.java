package io.classroomml.infra.cost;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a synthesized template costs per day while nobody trains or invokes anything: alarms,
 * dashboards, budgets, keys, and real-time endpoint instances at their initial count. Every
 * resource type must be known, either priced here or listed as free when idle, so a new
 * cost-bearing resource cannot slip in unpriced.
 */
public final class IdleCost {

  /** Types that cost nothing while idle (empty buckets and repositories, on-demand services). */
  static final Set<String> FREE_WHEN_IDLE =
      Set.of(
          "AWS::S3::Bucket",
          "AWS::S3::BucketPolicy",
          "AWS::IAM::Role",
          "AWS::IAM::Policy",
          "AWS::IAM::ManagedPolicy",
          "AWS::StepFunctions::StateMachine",
          "AWS::Logs::LogGroup",
          "AWS::SNS::Topic",
          "AWS::SNS::TopicPolicy",
          "AWS::SNS::Subscription",
          "AWS::Lambda::Function",
          "AWS::Lambda::Permission",
          "AWS::SageMaker::Model",
          "AWS::SageMaker::Endpoint",
          "AWS::ApplicationAutoScaling::ScalableTarget",
          "AWS::ApplicationAutoScaling::ScalingPolicy",
          "AWS::ECR::Repository",
          "AWS::Scheduler::Schedule",
          "AWS::SageMaker::StudioLifecycleConfig",
          "AWS::EC2::VPC",
          "AWS::EC2::Subnet",
          "AWS::CDK::Metadata");

  private final PriceTable prices;
  private final String region;

  /** Prices idle resources in {@code region}. */
  public IdleCost(PriceTable prices, String region) {
    this.prices = prices;
    this.region = region;
  }

  /**
   * USD per day by resource type for the template's {@code Resources} section.
   *
   * @throws IllegalArgumentException for a resource type that is neither priced nor known free
   */
  @SuppressWarnings("unchecked")
  public Map<String, Double> perDay(Map<String, Object> resources) {
    Map<String, Double> costs = new TreeMap<>();
    for (Map.Entry<String, Object> entry : resources.entrySet()) {
      Map<String, Object> resource = (Map<String, Object>) entry.getValue();
      String type = (String) resource.get("Type");
      double usd;
      if (type.equals("AWS::SageMaker::EndpointConfig")) {
        usd = endpointConfig((Map<String, Object>) resource.get("Properties"));
      } else if (prices.idlePerDay(type).isPresent()) {
        usd = prices.idlePerDay(type).getAsDouble();
      } else if (FREE_WHEN_IDLE.contains(type) || type.startsWith("Custom::")) {
        usd = 0;
      } else {
        throw new IllegalArgumentException(
            entry.getKey()
                + " has type "
                + type
                + ", which the idle cost model does not know: price it in prices.json"
                + " (idlePerDay) or list it in IdleCost.FREE_WHEN_IDLE");
      }
      costs.merge(type, usd, Double::sum);
    }
    return costs;
  }

  /** The sum of {@link #perDay}. */
  public double totalPerDay(Map<String, Object> resources) {
    return perDay(resources).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  @SuppressWarnings("unchecked")
  private double endpointConfig(Map<String, Object> properties) {
    double usd = 0;
    for (Object v : (List<Object>) properties.get("ProductionVariants")) {
      Map<String, Object> variant = (Map<String, Object>) v;
      if (variant.containsKey("InstanceType")) {
        String type = (String) variant.get("InstanceType");
        double hourly =
            prices
                .hourly(region, Usage.HOSTING, type)
                .orElseThrow(() -> new IllegalArgumentException("no hosting price for " + type));
        usd += ((Number) variant.get("InitialInstanceCount")).doubleValue() * hourly * 24;
      } else if (variant.get("ServerlessConfig") instanceof Map<?, ?> serverless
          && serverless.get("ProvisionedConcurrency") instanceof Number provisioned) {
        // Provisioned concurrency bills while idle; priced like busy capacity (an upper bound).
        double gb = ((Number) serverless.get("MemorySizeInMB")).doubleValue() / 1024;
        usd +=
            provisioned.doubleValue()
                * gb
                * 86_400
                * prices.serverlessPerGbSecond(region).orElse(0);
      }
    }
    return usd;
  }
}
