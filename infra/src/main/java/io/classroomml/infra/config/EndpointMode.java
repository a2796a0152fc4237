package io.classroomml.infra.config;

/** How a trained model is hosted. */
public enum EndpointMode {
  /** Billed per request by memory and duration; nothing while idle; CPU only. */
  SERVERLESS("serverless"),
  /** Instances billed per hour while the endpoint exists, autoscaled between min and max. */
  REALTIME("realtime");

  private final String id;

  EndpointMode(String id) {
    this.id = id;
  }

  /** The value written in the context ({@code endpointMode}). */
  public String id() {
    return id;
  }
}
