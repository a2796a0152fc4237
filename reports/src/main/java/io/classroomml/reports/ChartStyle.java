package io.classroomml.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;

/** Fonts, colours and text fitting shared by every chart, so all charts look like one family. */
final class ChartStyle {

  /** Logical font name: maps to an installed sans font on every JDK, never a missing family. */
  static final String FONT_FAMILY = Font.SANS_SERIF;

  static final Font TITLE = new Font(FONT_FAMILY, Font.BOLD, 16);
  static final Font LABEL = new Font(FONT_FAMILY, Font.PLAIN, 13);
  static final Font TICK = new Font(FONT_FAMILY, Font.PLAIN, 11);

  static final Color TEXT = new Color(0x222222);
  static final Color AXIS = new Color(0x555555);
  static final Color GRID = new Color(0xE3E3E3);

  /**
   * Series colours: the Okabe–Ito palette (distinguishable with common colour-vision deficiencies)
   * followed by darker extras; more series reuse them with a dashed line.
   */
  static final Color[] PALETTE = {
    new Color(0x0072B2),
    new Color(0xE69F00),
    new Color(0x009E73),
    new Color(0xCC79A7),
    new Color(0x56B4E9),
    new Color(0xD55E00),
    new Color(0xF0E442),
    new Color(0x000000),
    new Color(0x7F3C8D),
    new Color(0x8C564B),
  };

  private ChartStyle() {}

  /** Palette colour for series {@code index}, wrapping around. */
  static Color color(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }

  /** {@code text} shortened with an ellipsis so it is at most {@code maxWidth} pixels wide. */
  static String fit(String text, FontMetrics metrics, int maxWidth) {
    if (metrics.stringWidth(text) <= maxWidth) {
      return text;
    }
    String ellipsis = "…";
    int end = text.length();
    while (end > 0 && metrics.stringWidth(text.substring(0, end) + ellipsis) > maxWidth) {
      end--;
    }
    return end == 0 ? "" : text.substring(0, end) + ellipsis;
  }

  /**
   * {@code text} shortened in the middle ("a long na…ber 119") to at most {@code maxWidth} pixels:
   * class names often differ only at the end, so both ends stay readable.
   */
  static String fitMiddle(String text, FontMetrics metrics, int maxWidth) {
    if (metrics.stringWidth(text) <= maxWidth) {
      return text;
    }
    int keep = text.length();
    while (keep > 1) {
      keep--;
      int head = (keep + 1) / 2;
      String candidate =
          text.substring(0, head) + "…" + text.substring(text.length() - (keep - head));
      if (metrics.stringWidth(candidate) <= maxWidth) {
        return candidate;
      }
    }
    return fit(text, metrics, maxWidth);
  }
}
