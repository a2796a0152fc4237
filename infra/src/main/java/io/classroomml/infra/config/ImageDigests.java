package io.classroomml.infra.config;

/**
 * The two images the student stacks run, by digest ({@code sha256:<64 hex>}): printed by {@code
 * scripts/build-images} and recorded by {@code scripts/deploy}. Only student stacks need them; the
 * platform stack (which holds the repositories they are pushed to) is synthesized without.
 *
 * @param training the training image's digest in {@code classroom-ml/training}
 * @param inference the inference image's digest in {@code classroom-ml/inference}
 */
public record ImageDigests(String training, String inference) {

  /**
   * What stands in for the digests before the first push, in stacks synthesized with {@code -c
   * stacks=no-deploy} only (for {@code cdk destroy} and the cost estimate; never deployed).
   */
  public static final ImageDigests NOT_PUSHED =
      new ImageDigests("sha256:" + "0".repeat(64), "sha256:" + "0".repeat(64));
}
