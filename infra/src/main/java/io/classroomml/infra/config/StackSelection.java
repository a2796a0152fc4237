package io.classroomml.infra.config;

/**
 * Which stacks one synth builds ({@code -c stacks=...}). A first deploy needs the platform stack
 * (it holds the image repositories) before any image exists, so the platform can be synthesized
 * alone, without image digests; and neither {@code cdk destroy} nor the cost estimate needs an
 * image, so they synthesize every stack without digests, in a form that cannot be deployed.
 */
public enum StackSelection {
  /** The platform and every student stack (the default; needs both image digests). */
  ALL("all"),
  /** The platform stack alone: no image digests needed. */
  PLATFORM("platform"),
  /**
   * Every stack, for {@code cdk destroy} (which needs only the stacks' names) and {@code
   * scripts/cost-estimate} (the images do not change the price): the recorded digests if there are
   * any, else {@link ImageDigests#NOT_PUSHED}; each stack then has a parameter with no value, so
   * {@code cdk deploy} refuses it before anything changes.
   */
  NO_DEPLOY("no-deploy");

  private final String id;

  StackSelection(String id) {
    this.id = id;
  }

  /** The context value, e.g. {@code platform}. */
  public String id() {
    return id;
  }
}
