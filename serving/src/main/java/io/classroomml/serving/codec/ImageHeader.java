package io.classroomml.serving.codec;

import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What an image file declares about itself, read from its header without decoding a pixel: a 97 KB
 * PNG may declare 100,000,000 × 1 pixels, and what decoding it costs must be known first.
 *
 * @param format the reader's format name, e.g. {@code png}
 * @param width pixels per row
 * @param height rows
 * @param bands samples per pixel in the decoded raster (4 when the reader does not say)
 * @param bytesPerSample bytes per sample in the decoded raster (2 for 16-bit PNG)
 */
public record ImageHeader(String format, int width, int height, int bands, int bytesPerSample) {

  /** Bands assumed when the reader cannot tell before decoding (e.g. some JPEG colour spaces). */
  static final int UNKNOWN_BANDS = 4;

  /** The header of {@code encoded}, or empty when no ImageIO reader recognises it. */
  public static Optional<ImageHeader> read(byte[] encoded) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int bands = UNKNOWN_BANDS;
        int bytesPerSample = 1;
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null) {
          SampleModel samples = raw.getSampleModel();
          bands = samples.getNumBands();
          bytesPerSample = Math.max(1, (samples.getSampleSize(0) + 7) / 8);
        }
        return Optional.of(
            new ImageHeader(
                reader.getFormatName().toLowerCase(java.util.Locale.ROOT),
                reader.getWidth(0),
                reader.getHeight(0),
                bands,
                bytesPerSample));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // A header ImageIO cannot read: the decoder reports the file as unreadable.
      return Optional.empty();
    }
  }

  /** Width × height. */
  public long pixels() {
    return (long) width * height;
  }
}
