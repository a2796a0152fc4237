package io.classroomml.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image file's bytes with ImageIO before {@link ImagePreprocessor} resizes it; a file it
 * cannot read is {@link Unreadable}, with a reason and a fix that name what the bytes look like.
 */
final class ImageDecoder {

  private ImageDecoder() {}

  /**
   * Decodes {@code bytes} with ImageIO, refusing images over {@link
   * ImagePreprocessor#MAX_SOURCE_PIXELS}.
   *
   * @throws Unreadable with the reason, for the caller to attach to a file or a request
   */
  static BufferedImage read(byte[] bytes) throws Unreadable {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new Unreadable(
            "is not a JPEG or PNG image (" + bytes.length + " bytes" + magic(bytes) + ")",
            "send or upload JPEG or PNG files",
            null);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > ImagePreprocessor.MAX_SOURCE_PIXELS) {
          throw new Unreadable(
              "is "
                  + reader.getWidth(0)
                  + "x"
                  + reader.getHeight(0)
                  + " pixels, more than the "
                  + ImagePreprocessor.MAX_SOURCE_PIXELS
                  + " we decode",
              "resize the image (the model sees it at a few dozen pixels a side anyway)",
              null);
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // ImageIO reports broken files with IIOException and, for some, with runtime exceptions
      throw new Unreadable(
          "could not be decoded as " + formatGuess(bytes) + " (" + e.getMessage() + ")",
          "re-export the image as an RGB JPEG or PNG (CMYK JPEGs are not supported)",
          e);
    }
  }

  private static String formatGuess(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
      return "JPEG";
    }
    if (bytes.length >= 4 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
      return "PNG";
    }
    return "an image";
  }

  private static String magic(byte[] bytes) {
    if (bytes.length == 0) {
      return ", empty";
    }
    StringBuilder hex = new StringBuilder(", starting ");
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      hex.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
    }
    return hex.toString();
  }

  /** Why an image could not be read; becomes a {@link DataFormatException} at the caller. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final String fix;

    Unreadable(String problem, String fix, Throwable cause) {
      super(problem, cause);
      this.fix = fix;
    }
  }
}
