package io.classroomml.infra.config;

/** Serving the trained models: the endpoint (serverless or real-time) and batch transform. */
final class HostingReader {

  /** Defaults for keys that may be left out (documented in docs/configuration.md). */
  static final String DEFAULT_HOSTING_INSTANCE = "ml.m5.large";

  static final int DEFAULT_SERVERLESS_MEMORY_MB = 2048;
  static final int DEFAULT_SERVERLESS_CONCURRENCY = 5;
  static final long DEFAULT_TRANSFORM_RUNTIME = 3_600;

  private final ContextValues values;
  private final Problems problems;

  HostingReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  EndpointSettings endpoint() {
    String modeText =
        values.optional(ContextKeys.ENDPOINT_MODE).orElse(EndpointMode.SERVERLESS.id());
    EndpointMode mode = null;
    for (EndpointMode m : EndpointMode.values()) {
      if (m.id().equals(modeText)) {
        mode = m;
      }
    }
    if (mode == null) {
      problems.add(ContextKeys.ENDPOINT_MODE, modeText, "must be serverless or realtime");
      mode = EndpointMode.SERVERLESS;
    }
    return new EndpointSettings(
        mode,
        (int) values.positiveWhole(ContextKeys.SERVERLESS_MEMORY_MB, DEFAULT_SERVERLESS_MEMORY_MB),
        (int)
            values.positiveWhole(
                ContextKeys.SERVERLESS_MAX_CONCURRENCY, DEFAULT_SERVERLESS_CONCURRENCY),
        values.instanceType(ContextKeys.ENDPOINT_INSTANCE_TYPE, DEFAULT_HOSTING_INSTANCE),
        (int) values.positiveWhole(ContextKeys.ENDPOINT_MIN_CAPACITY, 1),
        (int) values.positiveWhole(ContextKeys.ENDPOINT_MAX_CAPACITY, 2));
  }

  TransformSettings transform() {
    return new TransformSettings(
        values.instanceType(ContextKeys.TRANSFORM_INSTANCE_TYPE, DEFAULT_HOSTING_INSTANCE),
        (int) values.positiveWhole(ContextKeys.TRANSFORM_INSTANCE_COUNT, 1),
        values.positiveWhole(ContextKeys.TRANSFORM_MAX_RUNTIME, DEFAULT_TRANSFORM_RUNTIME));
  }
}
