package io.classroomml.serving.predict;

import java.util.List;
import java.util.Optional;

/**
 * A model that turns images into class probabilities: the pure "predict" step between decoding a
 * request and encoding the answer. Safe to call from many threads.
 */
public interface ImageClassifier extends AutoCloseable {

  /** The geometry every input image must have. */
  InputShape inputShape();

  /** Class names; index {@code i} names column {@code i} of {@link #predict}'s rows. */
  List<String> classNames();

  /**
   * Classifies {@code count} images.
   *
   * @param chwPixels {@code count} images of uint8 pixels in CHW order, back to back
   * @param count how many images {@code chwPixels} holds
   * @return one row of probabilities (summing to 1) per image
   */
  float[][] predict(byte[] chwPixels, int count);

  /**
   * Classifies {@code count} images now if a model worker is free, without waiting for one.
   *
   * @return the rows {@link #predict} would give, or empty when every worker is busy
   */
  Optional<float[][]> predictIfIdle(byte[] chwPixels, int count);

  /** Frees the model and its native memory. */
  @Override
  void close();
}
