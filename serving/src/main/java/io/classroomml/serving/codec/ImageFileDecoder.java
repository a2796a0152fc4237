package io.classroomml.serving.codec;

import io.classroomml.datasets.DataFormatException;
import io.classroomml.datasets.ImagePreprocessor;
import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;

/**
 * One image file (JPEG, PNG, or anything else ImageIO reads) of any size, resized and centre-
 * cropped to the model's geometry by the same {@link ImagePreprocessor} training uses. What the
 * decode costs is read from the file's header and reserved from the {@link DecodeBudget} first.
 */
public final class ImageFileDecoder implements RequestDecoder {

  private final DecodeBudget budget;

  /** A decoder that reserves memory from {@code budget} for every image. */
  public ImageFileDecoder(DecodeBudget budget) {
    this.budget = budget;
  }

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    return new ImageBatch(shape, 1, pixels(body, shape, "the request body"));
  }

  /**
   * Bytes of heap decoding an image with {@code header} takes in {@link ImagePreprocessor}: the
   * decoded raster, ImageIO's row buffers (about two rows), and the preprocessor's per-row buffers
   * (one double per channel per column, plus int rows of the source). The row terms matter: a
   * 100,000,000 × 1 image needs gigabytes for them alone.
   */
  static long cost(ImageHeader header, InputShape shape) {
    long width = header.width();
    long sampleBytes = (long) header.bands() * header.bytesPerSample();
    long raster = header.pixels() * sampleBytes;
    long rowBuffers =
        width
            * (2 * sampleBytes + (long) Double.BYTES * shape.channels() + 4L + 4L * header.bands());
    return raster + rowBuffers;
  }

  /**
   * Decodes one encoded image into CHW bytes of {@code shape}.
   *
   * @param where names the image in an error message (e.g. {@code instance 3})
   */
  byte[] pixels(byte[] encoded, InputShape shape, String where) {
    var header = ImageHeader.read(encoded);
    if (header.isEmpty()) {
      return decode(encoded, shape, where); // not an image: fails at once with the reason
    }
    if (header.get().pixels() > ImagePreprocessor.MAX_SOURCE_PIXELS) {
      return decode(encoded, shape, where); // refused by the preprocessor before decoding
    }
    try (DecodeBudget.Lease lease = budget.reserve(header.get(), h -> cost(h, shape), where)) {
      return decode(encoded, shape, where);
    }
  }

  private static byte[] decode(byte[] encoded, InputShape shape, String where) {
    try {
      return new ImagePreprocessor(shape.channels(), shape.height(), shape.width()).decode(encoded);
    } catch (DataFormatException e) {
      throw new BadRequestException(where + " is not a readable image: " + e.getMessage());
    } catch (RuntimeException e) {
      // ImageIO's plug-ins throw unchecked exceptions on some corrupt files.
      throw new BadRequestException(
          where + " is not a readable image (its data is corrupt); send a JPEG or PNG file");
    }
  }
}
