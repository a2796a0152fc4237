package io.classroomml.serving.codec;

import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;

/**
 * Records in the CIFAR-10 binary layout, one or many back to back: 1 label byte (ignored), then the
 * image's C×H×W pixel bytes, channel-major. For a CIFAR-10 model a record is 1 + 3×32×32 = 3,073
 * bytes, so a {@code data_batch_N.bin} file can be sent as is.
 */
public final class RawRecordDecoder implements RequestDecoder {

  /** The label byte before every image. */
  public static final int LABEL_BYTES = 1;

  @Override
  public boolean costFollowsBodyLength() {
    return true;
  }

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    int imageBytes = shape.imageBytes();
    int recordBytes = LABEL_BYTES + imageBytes;
    if (body.length % recordBytes != 0) {
      throw new BadRequestException(
          "application/octet-stream body of "
              + body.length
              + " bytes is not a whole number of records: each record is "
              + recordBytes
              + " bytes (1 label byte + "
              + shape
              + " pixel bytes, CHW) for this model");
    }
    int count = body.length / recordBytes;
    byte[] pixels = new byte[count * imageBytes];
    for (int i = 0; i < count; i++) {
      System.arraycopy(body, i * recordBytes + LABEL_BYTES, pixels, i * imageBytes, imageBytes);
    }
    return new ImageBatch(shape, count, pixels);
  }
}
