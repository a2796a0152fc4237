package io.classroomml.contract;

import java.util.List;

/**
 * The input channel names the trainer reads under {@code /opt/ml/input/data/}, and so the names the
 * pipelines, local mode and the docs give SageMaker's {@code InputDataConfig}.
 */
public final class Channels {

  /** Required: the training images. */
  public static final String TRAIN = "train";

  /** Optional: evaluation images (preferred name). */
  public static final String VALIDATION = "validation";

  /** Optional: evaluation images, read when there is no {@link #VALIDATION} channel. */
  public static final String TEST = "test";

  /** Optional: the extracted {@code model.tar.gz} of an earlier job, for transfer learning. */
  public static final String PRETRAINED = "pretrained";

  /** The evaluation channels, in the order the trainer looks for them. */
  public static final List<String> EVALUATION = List.of(VALIDATION, TEST);

  private Channels() {}
}
