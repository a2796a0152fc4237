package io.classroomml.serving.codec;

import io.classroomml.serving.InvocationException.BadRequestException;
import io.classroomml.serving.predict.InputShape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array (format versions 1–3), channel-first: shape {@code (C, H, W)} for one
 * image or {@code (N, C, H, W)} for several ({@code (H, W)} and {@code (N, H, W)} also work for
 * one-channel models). {@code uint8} holds pixels 0–255; {@code float32} and {@code float64} hold
 * pixels scaled to [0, 1] (what {@code torchvision}'s {@code ToTensor} gives).
 *
 * <p>Format: <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">
 * numpy.lib.format</a>.
 */
public final class NpyDecoder implements RequestDecoder {

  /** {@code \x93NUMPY}. */
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Magic, then major and minor version bytes. */
  private static final int VERSION_END = MAGIC.length + 2;

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  @Override
  public boolean costFollowsBodyLength() {
    return true;
  }

  @Override
  public ImageBatch decode(byte[] body, InputShape shape) {
    ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    if (body.length < VERSION_END + 2 || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw bad("the body does not start with the .npy magic \\x93NUMPY; send np.save() output");
    }
    int major = body[MAGIC.length];
    long headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(in.getShort(VERSION_END));
      headerStart = VERSION_END + 2;
    } else if (major == 2 || major == 3) {
      if (body.length < VERSION_END + 4) {
        throw bad("the header is cut short");
      }
      headerLength = Integer.toUnsignedLong(in.getInt(VERSION_END));
      headerStart = VERSION_END + 4;
    } else {
      throw bad("format version " + major + " is unknown; versions 1 to 3 are read");
    }
    if (headerStart + headerLength > body.length) {
      throw bad("the header claims " + headerLength + " bytes but the body has fewer");
    }
    String header = new String(body, headerStart, (int) headerLength, StandardCharsets.ISO_8859_1);
    DType dtype = dtype(field(DESCR, header, "descr"));
    if (field(FORTRAN, header, "fortran_order").equals("True")) {
      throw bad("fortran_order is True; send a C-ordered array (np.ascontiguousarray)");
    }
    long[] dims = dims(field(SHAPE, header, "shape"));
    int count = imageCount(dims, shape);
    long dataStart = headerStart + headerLength;
    long expected = (long) count * shape.imageBytes() * dtype.size;
    if (body.length - dataStart != expected) {
      throw bad(
          "shape "
              + Arrays.toString(dims)
              + " of "
              + dtype.name
              + " needs "
              + expected
              + " data bytes, the body has "
              + (body.length - dataStart));
    }
    byte[] pixels = new byte[count * shape.imageBytes()];
    in.position((int) dataStart);
    in.order(dtype.order);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = dtype.readPixel(in, i);
    }
    return new ImageBatch(shape, count, pixels);
  }

  private static int imageCount(long[] dims, InputShape shape) {
    long[] one = {shape.channels(), shape.height(), shape.width()};
    long[] greyOne = {shape.height(), shape.width()};
    if (Arrays.equals(dims, one) || (shape.channels() == 1 && Arrays.equals(dims, greyOne))) {
      return 1;
    }
    if (dims.length > 1) {
      long[] rest = Arrays.copyOfRange(dims, 1, dims.length);
      boolean batch = Arrays.equals(rest, one);
      boolean greyBatch = shape.channels() == 1 && Arrays.equals(rest, greyOne);
      if ((batch || greyBatch) && dims[0] > 0 && dims[0] <= Integer.MAX_VALUE) {
        return (int) dims[0];
      }
    }
    throw bad(
        "shape "
            + Arrays.toString(dims)
            + " does not fit the model: send (C, H, W) = ("
            + shape.channels()
            + ", "
            + shape.height()
            + ", "
            + shape.width()
            + ") or (N, C, H, W), channel-first");
  }

  private static String field(Pattern pattern, String header, String name) {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw bad("the header has no '" + name + "' entry");
    }
    return m.group(1);
  }

  private static long[] dims(String tuple) {
    try {
      return Arrays.stream(tuple.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .mapToLong(Long::parseLong)
          .toArray();
    } catch (NumberFormatException e) {
      throw bad("the shape (" + tuple + ") is not a tuple of whole numbers");
    }
  }

  private static DType dtype(String descr) {
    return switch (descr) {
      case "|u1", "<u1", ">u1", "u1" -> DType.UINT8;
      case "<f4" -> DType.FLOAT32_LE;
      case ">f4" -> DType.FLOAT32_BE;
      case "<f8" -> DType.FLOAT64_LE;
      case ">f8" -> DType.FLOAT64_BE;
      default ->
          throw bad("dtype '" + descr + "' is not supported; send uint8, float32 or float64");
    };
  }

  private static BadRequestException bad(String problem) {
    return new BadRequestException("application/x-npy body: " + problem);
  }

  /** The element types read, with how each becomes a pixel byte. */
  private enum DType {
    UINT8("uint8", 1, ByteOrder.LITTLE_ENDIAN),
    FLOAT32_LE("float32", 4, ByteOrder.LITTLE_ENDIAN),
    FLOAT32_BE("float32", 4, ByteOrder.BIG_ENDIAN),
    FLOAT64_LE("float64", 8, ByteOrder.LITTLE_ENDIAN),
    FLOAT64_BE("float64", 8, ByteOrder.BIG_ENDIAN);

    final String name;
    final int size;
    final ByteOrder order;

    DType(String name, int size, ByteOrder order) {
      this.name = name;
      this.size = size;
      this.order = order;
    }

    byte readPixel(ByteBuffer in, int index) {
      if (size == 1) {
        return in.get();
      }
      double v = size == 4 ? in.getFloat() : in.getDouble();
      if (!(v >= 0 && v <= 1)) {
        throw bad(
            "element "
                + index
                + " is "
                + v
                + "; float arrays hold pixels scaled to [0, 1] (send uint8 for 0-255)");
      }
      return (byte) Math.round(v * 255);
    }
  }
}
