package io.classroomml.serving.codec;

import io.classroomml.datasets.DataFormatException;
import io.classroomml.datasets.ImagePreprocessor;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;

/**
 * One image file (JPEG, PNG, or anything else ImageIO reads) of any size, resized and centre-
 * cropped to the model's geometry by the same {@link ImagePreprocessor} training uses.
 */
public final class ImageFileDecoder implements RequestDecoder {

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    return new ImageBatch(shape, 1, pixels(body, shape, "the request body"));
  }

  /**
   * Decodes one encoded image into CHW bytes of {@code shape}.
   *
   * @param where names the image in an error message (e.g. {@code instance 3})
   */
  static byte[] pixels(byte[] encoded, InputShape shape, String where) {
    try {
      return new ImagePreprocessor(shape.channels(), shape.height(), shape.width()).decode(encoded);
    } catch (DataFormatException e) {
      throw new BadRequestException(where + " is not a readable image: " + e.getMessage());
    } catch (RuntimeException e) {
      // ImageIO's plug-ins throw unchecked exceptions on some corrupt files.
      throw new BadRequestException(
          where
              + " is not a readable image ("
              + e.getClass().getSimpleName()
              + "); send a JPEG or PNG file");
    }
  }
}
