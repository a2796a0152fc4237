package io.classroomml.serving.codec;

import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;

/** Turns a request body of one content type into model input. */
@FunctionalInterface
public interface RequestDecoder {

  /**
   * Decodes {@code body} into images of {@code shape}.
   *
   * @throws BadRequestException naming what is wrong with the body and how to fix it
   */
  ImageBatch decode(byte[] body, InputShape shape);

  /**
   * Whether decoding is a single pass over the body, with nothing to decompress or parse into a
   * tree: its time and memory then follow from the body's length alone, known before it starts.
   */
  default boolean costFollowsBodyLength() {
    return false;
  }
}
