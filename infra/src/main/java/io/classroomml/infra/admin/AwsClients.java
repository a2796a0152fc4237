package io.classroomml.infra.admin;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK v2 clients {@code scripts/classroom} uses, all on one HTTP client and one credentials
 * provider: the default chain (or {@code --profile}) in use, a recording HTTP client in tests. Cost
 * Explorer has one endpoint, in us-east-1, whatever the classroom's region.
 */
public final class AwsClients implements AutoCloseable {

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;

  private AwsClients(SdkHttpClient http, AwsCredentialsProvider credentials) {
    this.http = http;
    this.credentials = credentials;
  }

  /** Clients on the default credentials chain, or on {@code profile} when given. */
  public static AwsClients standard(Optional<String> profile) {
    AwsCredentialsProvider credentials =
        profile
            .<AwsCredentialsProvider>map(
                p -> ProfileCredentialsProvider.builder().profileName(p).build())
            .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    return new AwsClients(UrlConnectionHttpClient.create(), credentials);
  }

  /** Clients on {@code http} and {@code credentials} (tests). */
  public static AwsClients using(SdkHttpClient http, AwsCredentialsProvider credentials) {
    return new AwsClients(http, credentials);
  }

  /** The region of the default chain (AWS_REGION, the profile), if any. */
  public static Optional<String> defaultRegion(Optional<String> profile) {
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      profile.ifPresent(chain::profileName);
      return Optional.of(chain.build().getRegion().id());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  StsClient sts(String region) {
    return StsClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(region))
        .overrideConfiguration(config())
        .build();
  }

  SsmClient ssm(String region) {
    return SsmClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(region))
        .overrideConfiguration(config())
        .build();
  }

  EcrClient ecr(String region) {
    return EcrClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(region))
        .overrideConfiguration(config())
        .build();
  }

  ServiceQuotasClient quotas(String region) {
    return ServiceQuotasClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(region))
        .overrideConfiguration(config())
        .build();
  }

  CostExplorerClient costExplorer() {
    return CostExplorerClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.US_EAST_1)
        .overrideConfiguration(config())
        .build();
  }

  SageMakerClient sageMaker(String region) {
    return SageMakerClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(region))
        .overrideConfiguration(config())
        .build();
  }

  /** AWS Budgets has one endpoint, in us-east-1. */
  BudgetsClient budgets() {
    return BudgetsClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.US_EAST_1)
        .overrideConfiguration(config())
        .build();
  }

  ResourceGroupsTaggingApiClient tagging(String region) {
    return ResourceGroupsTaggingApiClient.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(region))
        .overrideConfiguration(config())
        .build();
  }

  private static ClientOverrideConfiguration config() {
    return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build();
  }

  @Override
  public void close() {
    http.close();
  }
}
