package io.classroomml.serving;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the endpoint is hosted. SageMaker does not tell a container which one it runs in, so the
 * endpoint's environment says it ({@link ServingEnvironment#MODE}); the infra stacks set it.
 */
public enum ServingMode {
  /**
   * A real-time endpoint: one worker per core, 6 MB bodies (the {@code InvokeEndpoint} {@code
   * BodyBlob} limit of 6,291,456 bytes).
   */
  REALTIME("realtime", 6),
  /**
   * A serverless endpoint: AWS recommends one worker with one copy of the model, and bodies are
   * limited to 4 MB (<a
   * href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-invoke.html">Invoke
   * a serverless endpoint</a>).
   */
  SERVERLESS("serverless", 4);

  private final String id;
  private final int payloadMegabytes;

  ServingMode(String id, int payloadMegabytes) {
    this.id = id;
    this.payloadMegabytes = payloadMegabytes;
  }

  /** The value of {@link ServingEnvironment#MODE} that selects this mode. */
  public String id() {
    return id;
  }

  /** The request and response body limit in MiB (SageMaker's "MB" are 2^20 bytes). */
  public int payloadMegabytes() {
    return payloadMegabytes;
  }

  /** The mode named {@code id}, ignoring case and blanks. */
  public static Optional<ServingMode> byId(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst();
  }
}
