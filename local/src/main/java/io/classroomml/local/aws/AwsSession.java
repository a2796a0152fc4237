package io.classroomml.local.aws;

import io.classroomml.local.LocalException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS clients one verb uses, all with the same region and credentials: the default chains
 * (environment, {@code ~/.aws}, SSO, instance role) or a named profile ({@code --profile}), and a
 * region from {@code --region}, the pipeline's ARN or the chain. Clients are made on first use and
 * closed together.
 */
public final class AwsSession implements AutoCloseable {

  /** What the user chose: {@code --region} and {@code --profile}, either optional. */
  public record Settings(Optional<String> region, Optional<String> profile) {}

  /**
   * How the clients reach AWS; tests replace the HTTP client and S3's endpoint.
   *
   * @param http the synchronous clients' HTTP client
   * @param s3Endpoint an S3-compatible server instead of AWS (path-style addressing), if any
   * @param partSizeBytes the multipart threshold and part size of uploads
   */
  record Wiring(SdkHttpClient http, Optional<URI> s3Endpoint, long partSizeBytes) {}

  /** 16 MiB parts: a CIFAR-10 batch (30 MiB) goes in two, in parallel. */
  static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Wiring wiring;
  private CloudFormationClient cloudFormation;
  private SfnClient sfn;
  private SageMakerClient sageMaker;
  private CloudWatchLogsClient logs;
  private S3AsyncClient s3;

  AwsSession(Region region, AwsCredentialsProvider credentials, Wiring wiring) {
    this.region = region;
    this.credentials = credentials;
    this.wiring = wiring;
  }

  /** Clients for {@code settings}, in {@code fallbackRegion} when neither it nor the chain says. */
  public static AwsSession connect(Settings settings, Optional<String> fallbackRegion) {
    DefaultCredentialsProvider.Builder credentials = DefaultCredentialsProvider.builder();
    settings.profile().ifPresent(credentials::profileName);
    settings
        .profile()
        .filter(p -> ProfileFile.defaultProfileFile().profile(p).isEmpty())
        .ifPresent(
            p -> {
              throw new LocalException(
                  "there is no profile "
                      + p
                      + " in ~/.aws/config or ~/.aws/credentials: create it (aws configure"
                      + " --profile "
                      + p
                      + ") or pick another --profile");
            });
    Region region =
        settings
            .region()
            .or(() -> fallbackRegion)
            .map(Region::of)
            .orElseGet(() -> chainRegion(settings.profile()));
    return new AwsSession(
        region,
        credentials.build(),
        new Wiring(UrlConnectionHttpClient.create(), Optional.empty(), DEFAULT_PART_SIZE));
  }

  private static Region chainRegion(Optional<String> profile) {
    DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
    profile.ifPresent(chain::profileName);
    try {
      return chain.build().getRegion();
    } catch (SdkClientException e) {
      throw new LocalException(
          "no AWS region: pass --region R (your classroom's region), set AWS_REGION, or set one"
              + " in your profile (aws configure"
              + profile.map(p -> " --profile " + p).orElse("")
              + ")");
    }
  }

  /** The region every client talks to. */
  public Region region() {
    return region;
  }

  synchronized CloudFormationClient cloudFormation() {
    if (cloudFormation == null) {
      cloudFormation = configure(CloudFormationClient.builder()).build();
    }
    return cloudFormation;
  }

  synchronized SfnClient sfn() {
    if (sfn == null) {
      sfn = configure(SfnClient.builder()).build();
    }
    return sfn;
  }

  synchronized SageMakerClient sageMaker() {
    if (sageMaker == null) {
      sageMaker = configure(SageMakerClient.builder()).build();
    }
    return sageMaker;
  }

  synchronized CloudWatchLogsClient logs() {
    if (logs == null) {
      logs = configure(CloudWatchLogsClient.builder()).build();
    }
    return logs;
  }

  /** S3 for the Transfer Manager: the SDK's own multipart client on Netty. */
  synchronized S3AsyncClient s3() {
    if (s3 == null) {
      S3AsyncClientBuilder builder =
          S3AsyncClient.builder()
              .region(region)
              .credentialsProvider(credentials)
              .httpClientBuilder(
                  NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)))
              .multipartEnabled(true)
              .multipartConfiguration(
                  c ->
                      c.thresholdInBytes(wiring.partSizeBytes())
                          .minimumPartSizeInBytes(wiring.partSizeBytes()));
      wiring.s3Endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
      s3 = builder.build();
    }
    return s3;
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
    return builder.region(region).credentialsProvider(credentials).httpClient(wiring.http());
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable c : new AutoCloseable[] {cloudFormation, sfn, sageMaker, logs, s3}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // closing is best effort: the verb's result is already printed
        }
      }
    }
    wiring.http().close();
  }
}
