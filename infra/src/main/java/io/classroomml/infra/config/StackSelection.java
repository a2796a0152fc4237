package io.classroomml.infra.config;

/**
 * Which stacks one synth builds ({@code -c stacks=...}). A first deploy needs the platform stack
 * (it holds the image repositories) before any image exists, so the platform can be synthesized
 * alone, without image digests.
 */
public enum StackSelection {
  /** The platform and every student stack (the default; needs both image digests). */
  ALL("all"),
  /** The platform stack alone: no image digests needed. */
  PLATFORM("platform");

  private final String id;

  StackSelection(String id) {
    this.id = id;
  }

  /** The context value, e.g. {@code platform}. */
  public String id() {
    return id;
  }
}
