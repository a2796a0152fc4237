package io.classroomml.runtime.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * Sends a payload to a SageMaker endpoint with the AWS SDK v2 {@link SageMakerRuntimeClient}: on
 * AWS, or on this machine through the {@link io.classroomml.runtime.gateway.RuntimeGateway} when an
 * endpoint URL is given. Both go through the same SDK call; only the client's endpoint and
 * credentials differ.
 */
public final class InvokeClient implements AutoCloseable {

  /**
   * The SDK's socket timeout: AWS advises 70 s, above the endpoint's own 60 s limit, so the
   * endpoint's error arrives instead of a client-side timeout.
   */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(70);

  /** The region used for signing when a local endpoint URL is given and none is set. */
  public static final Region LOCAL_REGION = Region.US_EAST_1;

  /** What came back from an endpoint. */
  public record Invocation(
      String contentType, byte[] body, String invokedVariant, String customAttributes) {}

  private final SageMakerRuntimeClient client;

  private InvokeClient(SageMakerRuntimeClient client) {
    this.client = client;
  }

  /**
   * A client for {@code region}, sent to {@code endpointUrl} when present (the SDK still needs a
   * region there, to sign).
   */
  public static InvokeClient create(
      Region region, Optional<URI> endpointUrl, AwsCredentialsProvider credentials) {
    SageMakerRuntimeClientBuilder builder =
        SageMakerRuntimeClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(SOCKET_TIMEOUT));
    endpointUrl.ifPresent(builder::endpointOverride);
    return new InvokeClient(builder.build());
  }

  /** A client for a real endpoint in {@code region} with the default AWS credentials chain. */
  public static InvokeClient aws(Region region) {
    return create(region, Optional.empty(), DefaultCredentialsProvider.builder().build());
  }

  /**
   * A client for a local gateway at {@code endpointUrl}; requests are not signed, as the local
   * gateway needs no credentials.
   */
  public static InvokeClient local(URI endpointUrl) {
    return create(LOCAL_REGION, Optional.of(endpointUrl), AnonymousCredentialsProvider.create());
  }

  /**
   * Invokes {@code endpoint}.
   *
   * @param accept the response type wanted, or null for the endpoint's default
   * @param customAttributes the {@code X-Amzn-SageMaker-Custom-Attributes} value, or null
   * @throws software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException when the
   *     container answered 4xx or 5xx
   * @throws software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException for an
   *     unknown endpoint or a bad request
   */
  public Invocation invoke(
      String endpoint, byte[] body, String contentType, String accept, String customAttributes) {
    InvokeEndpointRequest.Builder request =
        InvokeEndpointRequest.builder()
            .endpointName(endpoint)
            .contentType(contentType)
            .body(SdkBytes.fromByteArrayUnsafe(body));
    if (accept != null) {
      request.accept(accept);
    }
    if (customAttributes != null) {
      request.customAttributes(customAttributes);
    }
    InvokeEndpointResponse response = client.invokeEndpoint(request.build());
    return new Invocation(
        response.contentType(),
        response.body().asByteArrayUnsafe(),
        response.invokedProductionVariant(),
        response.customAttributes());
  }

  @Override
  public void close() {
    client.close();
  }
}
