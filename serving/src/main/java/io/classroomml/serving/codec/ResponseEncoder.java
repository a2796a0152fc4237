package io.classroomml.serving.codec;

/** Writes predictions as one response content type. */
@FunctionalInterface
public interface ResponseEncoder {

  /** The response body for {@code predictions}. */
  byte[] encode(Predictions predictions);
}
