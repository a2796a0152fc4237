package io.classroomml.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns any decoded image into the model's input geometry: the same code at training and at serving
 * time, so a photo sent to an endpoint is seen exactly as the training images were.
 *
 * <p>Steps: scale so that the image covers the target (the shorter side, relative to the target's
 * aspect, becomes the target side), centre-crop the rest, and write C×H×W unsigned bytes. Scaling
 * down averages every source pixel under an output pixel (a box filter: no aliasing however large
 * the photo); scaling up is bilinear. When C is 1, grey is the luminance {@code 0.299 R + 0.587 G +
 * 0.114 B} (ITU-R BT.601, as PIL's {@code convert("L")}). Alpha is ignored. The arithmetic is plain
 * Java {@code double}, so results are identical on every machine.
 */
public final class ImagePreprocessor {

  /**
   * Larger images are refused before decoding: a 100-megapixel image already needs 400 MB as a
   * decoded {@link BufferedImage}, and a few bytes of PNG can claim far more.
   */
  public static final long MAX_SOURCE_PIXELS = 100_000_000L;

  private static final double LUMA_RED = 0.299;
  private static final double LUMA_GREEN = 0.587;
  private static final double LUMA_BLUE = 0.114;
  private static final int MAX_BYTE = 255;

  private final int channels;
  private final int height;
  private final int width;

  /**
   * @param channels 1 (grey) or 3 (RGB)
   * @param height output height in pixels
   * @param width output width in pixels
   */
  public ImagePreprocessor(int channels, int height, int width) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "output size must be at least 1x1, was " + height + "x" + width);
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /** Output channels. */
  public int channels() {
    return channels;
  }

  /** Output height. */
  public int height() {
    return height;
  }

  /** Output width. */
  public int width() {
    return width;
  }

  /** Bytes of one output image: C*H*W. */
  public int imageBytes() {
    return channels * height * width;
  }

  /** Resizes, centre-crops and converts {@code image} to C×H×W unsigned bytes. */
  public byte[] toChw(BufferedImage image) {
    byte[] out = new byte[imageBytes()];
    toChw(image, out, 0);
    return out;
  }

  /** Like {@link #toChw(BufferedImage)}, writing into {@code out} at {@code offset}. */
  public void toChw(BufferedImage image, byte[] out, int offset) {
    int sourceWidth = image.getWidth();
    int sourceHeight = image.getHeight();
    double scale = Math.max((double) height / sourceHeight, (double) width / sourceWidth);
    Axis xs = Axis.of(sourceWidth, width, scale);
    Axis ys = Axis.of(sourceHeight, height, scale);
    int firstRow = ys.firstSource();
    int rows = ys.lastSource() - firstRow + 1;
    SourcePlanes source = new SourcePlanes(image, channels);

    // Horizontal pass over the source rows the crop needs, then the vertical pass.
    double[][] horizontal = new double[channels][rows * width];
    double[][] row = new double[channels][sourceWidth];
    for (int r = 0; r < rows; r++) {
      source.readRow(firstRow + r, row);
      for (int c = 0; c < channels; c++) {
        for (int x = 0; x < width; x++) {
          horizontal[c][r * width + x] = xs.apply(x, row[c], 0, 1);
        }
      }
    }
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double v = ys.apply(y, horizontal[c], x - firstRow * width, width);
          out[offset + (c * height + y) * width + x] = toByte(v);
        }
      }
    }
  }

  /**
   * Decodes a JPEG or PNG (any format ImageIO reads) and converts it with {@link #toChw}.
   *
   * @throws DataFormatException when the bytes are not a readable image
   */
  public byte[] decode(byte[] encodedJpegOrPng) throws DataFormatException {
    try {
      return toChw(ImageDecoder.read(encodedJpegOrPng));
    } catch (ImageDecoder.Unreadable e) {
      throw DataFormatException.inMemory(e.getMessage(), e.fix, e.getCause());
    }
  }

  private static byte toByte(double v) {
    long rounded = Math.round(v);
    return (byte) Math.max(0, Math.min(MAX_BYTE, rounded));
  }

  /**
   * Source rows as doubles: R, G, B planes, or one luminance plane. Grey images are read from their
   * raster, because {@link BufferedImage#getRGB} would pass grey through a colour conversion and
   * change the values.
   */
  private static final class SourcePlanes {
    private final BufferedImage image;
    private final int channels;
    private final boolean grey;
    private final boolean rgbRaster;
    private final int bands;
    private final double greyScale;
    private final int[] argb;
    private final int[] samples;

    SourcePlanes(BufferedImage image, int channels) {
      this.image = image;
      this.channels = channels;
      Raster raster = image.getRaster();
      this.grey =
          image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
              && raster.getNumBands() <= 2;
      int bits = grey ? raster.getSampleModel().getSampleSize(0) : Byte.SIZE;
      this.greyScale = (double) MAX_BYTE / ((1L << bits) - 1);
      ColorModel model = image.getColorModel();
      this.bands = raster.getNumBands();
      this.rgbRaster =
          !grey
              && !(model instanceof IndexColorModel)
              && model.getColorSpace().isCS_sRGB()
              && (bands == 3 || bands == 4 && model.hasAlpha())
              && Arrays.stream(raster.getSampleModel().getSampleSize()).allMatch(s -> s == 8);
      this.argb = new int[image.getWidth()];
      this.samples = new int[image.getWidth() * (rgbRaster ? bands : 1)];
    }

    void readRow(int y, double[][] planes) {
      int w = image.getWidth();
      if (grey) {
        image.getRaster().getSamples(0, y, w, 1, 0, samples);
        for (int x = 0; x < w; x++) {
          double v = samples[x] * greyScale;
          for (int c = 0; c < channels; c++) {
            planes[c][x] = v;
          }
        }
        return;
      }
      if (rgbRaster) {
        // bands come in colour-model order, R G B (A), whatever the byte layout in memory
        image.getRaster().getPixels(0, y, w, 1, samples);
      } else {
        image.getRGB(0, y, w, 1, argb, 0, w);
      }
      for (int x = 0; x < w; x++) {
        int red;
        int green;
        int blue;
        if (rgbRaster) {
          red = samples[x * bands];
          green = samples[x * bands + 1];
          blue = samples[x * bands + 2];
        } else {
          red = (argb[x] >> 16) & 0xff;
          green = (argb[x] >> 8) & 0xff;
          blue = argb[x] & 0xff;
        }
        if (channels == 1) {
          planes[0][x] = LUMA_RED * red + LUMA_GREEN * green + LUMA_BLUE * blue;
        } else {
          planes[0][x] = red;
          planes[1][x] = green;
          planes[2][x] = blue;
        }
      }
    }
  }

  /**
   * Resampling weights along one axis: output pixel {@code o} is {@code sum(weights[o][k] *
   * source[start[o] + k])}.
   */
  private record Axis(int[] start, double[][] weights) {

    static Axis of(int sourceLength, int outputLength, double scale) {
      // The scaled source is centred on the output: this many scaled pixels are cropped on the
      // left.
      double crop = (sourceLength * scale - outputLength) / 2;
      int[] start = new int[outputLength];
      double[][] weights = new double[outputLength][];
      for (int o = 0; o < outputLength; o++) {
        if (scale <= 1) {
          box(o, sourceLength, scale, crop, start, weights);
        } else {
          bilinear(o, sourceLength, scale, crop, start, weights);
        }
      }
      return new Axis(start, weights);
    }

    /** Averages the source pixels covered by output pixel o, weighted by how much they overlap. */
    private static void box(
        int o, int sourceLength, double scale, double crop, int[] start, double[][] weights) {
      double low = Math.max(0, (o + crop) / scale);
      double high = Math.min(sourceLength, (o + 1 + crop) / scale);
      int first = Math.min(sourceLength - 1, (int) Math.floor(low));
      int last = Math.max(first, Math.min(sourceLength - 1, (int) Math.ceil(high) - 1));
      double[] w = new double[last - first + 1];
      double total = 0;
      for (int i = first; i <= last; i++) {
        double overlap = Math.min(high, i + 1) - Math.max(low, i);
        w[i - first] = Math.max(0, overlap);
        total += w[i - first];
      }
      for (int k = 0; k < w.length; k++) {
        w[k] = total > 0 ? w[k] / total : 1.0 / w.length;
      }
      start[o] = first;
      weights[o] = w;
    }

    /** Interpolates between the two source pixels nearest to output pixel o's centre. */
    private static void bilinear(
        int o, int sourceLength, double scale, double crop, int[] start, double[][] weights) {
      double centre = (o + crop + 0.5) / scale - 0.5;
      int left = (int) Math.floor(centre);
      double t = centre - left;
      int a = Math.max(0, Math.min(sourceLength - 1, left));
      int b = Math.max(0, Math.min(sourceLength - 1, left + 1));
      if (a == b) {
        start[o] = a;
        weights[o] = new double[] {1};
      } else {
        start[o] = a;
        weights[o] = new double[] {1 - t, t};
      }
    }

    int firstSource() {
      return start[0];
    }

    int lastSource() {
      return start[start.length - 1] + weights[weights.length - 1].length - 1;
    }

    /** Weighted sum for output o over {@code values[base + index * stride]}. */
    double apply(int o, double[] values, int base, int stride) {
      double[] w = weights[o];
      int s = start[o];
      double sum = 0;
      for (int k = 0; k < w.length; k++) {
        sum += w[k] * values[base + (s + k) * stride];
      }
      return sum;
    }
  }
}
