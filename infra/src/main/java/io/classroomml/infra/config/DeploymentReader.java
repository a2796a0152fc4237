package io.classroomml.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** What gets deployed: the stack selection and the image digests the stacks pin. */
final class DeploymentReader {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final ContextValues values;
  private final Problems problems;

  DeploymentReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  StackSelection stacks() {
    String raw = values.optional(ContextKeys.STACKS).orElse(StackSelection.ALL.id());
    for (StackSelection s : StackSelection.values()) {
      if (s.id().equals(raw)) {
        return s;
      }
    }
    problems.add(
        ContextKeys.STACKS,
        raw,
        "must be all (the platform and every student), platform (the platform alone, before"
            + " any image is pushed) or no-deploy (every stack, without image digests, for cdk"
            + " destroy and the cost estimate only)");
    return StackSelection.ALL;
  }

  /**
   * Both digests or neither: neither before the first push (the platform stack alone); with {@code
   * no-deploy} and neither, {@link ImageDigests#NOT_PUSHED}.
   */
  Optional<ImageDigests> images(StackSelection stacks) {
    Optional<ImageDigests> images = images();
    if (stacks == StackSelection.NO_DEPLOY && images.isEmpty()) {
      return Optional.of(ImageDigests.NOT_PUSHED);
    }
    return images;
  }

  private Optional<ImageDigests> images() {
    Optional<String> training = values.optional(ContextKeys.TRAINING_IMAGE_DIGEST);
    Optional<String> inference = values.optional(ContextKeys.INFERENCE_IMAGE_DIGEST);
    if (training.isEmpty() && inference.isEmpty()) {
      return Optional.empty();
    }
    String trainingDigest = digest(ContextKeys.TRAINING_IMAGE_DIGEST);
    String inferenceDigest = digest(ContextKeys.INFERENCE_IMAGE_DIGEST);
    if (trainingDigest == null || inferenceDigest == null) {
      return Optional.empty();
    }
    return Optional.of(new ImageDigests(trainingDigest, inferenceDigest));
  }

  /** The digest under {@code key}, or null (a problem recorded). */
  private String digest(String key) {
    Optional<String> value = values.optional(key);
    if (value.isEmpty()) {
      return problems.add(
          key,
          null,
          "give both image digests or neither; scripts/build-images prints them, e.g. -c "
              + key
              + "=sha256:<64 hex digits>");
    }
    if (!DIGEST.matcher(value.get()).matches()) {
      return problems.add(
          key,
          value.get(),
          "must be sha256: followed by 64 lower-case hex digits (images are pinned by digest, not"
              + " tag); copy it from scripts/build-images");
    }
    return value.get();
  }
}
