package io.classroomml.runtime.gateway;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * One local endpoint behind the gateway: its SageMaker name and the container serving it.
 *
 * @param name the endpoint name, as in {@code InvokeEndpoint}
 * @param container the container's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param variant the production variant name reported in {@code x-Amzn-Invoked-Production-Variant}
 * @param maxPayloadBytes the request body limit: 6 MiB real-time, 4 MiB serverless
 */
public record EndpointTarget(String name, URI container, String variant, long maxPayloadBytes) {

  /** SageMaker's endpoint name rule: 1–63 characters, {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9])*}. */
  public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  /** The variant name CreateEndpointConfig examples and the SageMaker SDK use by default. */
  public static final String DEFAULT_VARIANT = "AllTraffic";

  /** The real-time {@code InvokeEndpoint} body limit: 6,291,456 bytes (botocore's BodyBlob). */
  public static final long REALTIME_MAX_PAYLOAD = 6L * 1024 * 1024;

  /** The serverless body limit: 4 MiB. */
  public static final long SERVERLESS_MAX_PAYLOAD = 4L * 1024 * 1024;

  /** Checks the name against SageMaker's rule and the limit against InvokeEndpoint's. */
  public EndpointTarget {
    if (!InvokeEndpointRules.validName(name)) {
      throw new IllegalArgumentException(
          "endpoint name '"
              + name
              + "' is not valid: 1-63 letters, digits and inner hyphens ("
              + InvokeEndpointRules.NAME_PATTERN
              + ")");
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
