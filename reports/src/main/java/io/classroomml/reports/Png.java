package io.classroomml.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Canvases for charts and their PNG encoding. Charts must render in containers with no display, so
 * this class turns on headless AWT before any AWT class loads (unless the caller chose otherwise),
 * and it fixes every rendering hint so the same chart always gives the same bytes.
 */
final class Png {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Png() {}

  /** A white canvas and a graphics context with fixed, quality rendering hints. */
  static Canvas canvas(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setStroke(new BasicStroke(1f));
    return new Canvas(image, g);
  }

  /** An image being drawn; {@link #toPng()} finishes it. */
  record Canvas(BufferedImage image, Graphics2D graphics) {

    /** Disposes the graphics and encodes the image (ImageIO's PNG writer adds no timestamp). */
    byte[] toPng() {
      graphics.dispose();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        // No disk cache: it would register a shutdown hook, which fails while a SIGTERM'd job
        // writes its report during shutdown ("Shutdown in progress").
        ImageIO.setUseCache(false);
        if (!ImageIO.write(image, "png", bytes)) {
          throw new IllegalStateException("this JDK has no PNG writer (javax.imageio)");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("encoding a PNG in memory", e);
      }
      return bytes.toByteArray();
    }
  }
}
