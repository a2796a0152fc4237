package io.classroomml.runtime.gateway;

import io.classroomml.contract.SageMakerName;
import java.net.URI;

/**
 * One local endpoint behind the gateway: its SageMaker name and the container serving it.
 *
 * @param name the endpoint name, as in {@code InvokeEndpoint}
 * @param container the container's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param variant the production variant name reported in {@code x-Amzn-Invoked-Production-Variant}
 * @param maxPayloadBytes the request body limit: 6 MiB real-time, 4 MiB serverless
 */
public record EndpointTarget(String name, URI container, String variant, long maxPayloadBytes) {

  /** The variant name CreateEndpointConfig examples and the SageMaker SDK use by default. */
  public static final String DEFAULT_VARIANT = "AllTraffic";

  /** The real-time {@code InvokeEndpoint} body limit: 6,291,456 bytes (botocore's BodyBlob). */
  public static final long REALTIME_MAX_PAYLOAD = 6L * 1024 * 1024;

  /** The serverless body limit: 4 MiB. */
  public static final long SERVERLESS_MAX_PAYLOAD = 4L * 1024 * 1024;

  /**
   * Checks the name against SageMaker's rule ({@link SageMakerName#ENDPOINT}) and the limit against
   * InvokeEndpoint's.
   */
  public EndpointTarget {
    if (!SageMakerName.ENDPOINT.isValid(name)) {
      throw new IllegalArgumentException(SageMakerName.ENDPOINT.invalid(name));
    }
    if (maxPayloadBytes < 1 || maxPayloadBytes > REALTIME_MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "endpoint "
              + name
              + ": a body limit of "
              + maxPayloadBytes
              + " bytes is outside InvokeEndpoint's 1 to "
              + REALTIME_MAX_PAYLOAD);
    }
  }

  /** A real-time endpoint with the default variant. */
  public static EndpointTarget realtime(String name, URI container) {
    return new EndpointTarget(name, container, DEFAULT_VARIANT, REALTIME_MAX_PAYLOAD);
  }

  /** A serverless endpoint with the default variant. */
  public static EndpointTarget serverless(String name, URI container) {
    return new EndpointTarget(name, container, DEFAULT_VARIANT, SERVERLESS_MAX_PAYLOAD);
  }

  /** The container's {@code /invocations} URL. */
  URI invocations() {
    String base = container.toString().replaceFirst("/+$", "");
    return URI.create(base + "/invocations");
  }
}
