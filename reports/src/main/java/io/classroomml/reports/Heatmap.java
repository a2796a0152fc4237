package io.classroomml.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * A confusion-matrix heatmap: rows are actual classes, columns predicted ones. Each cell is
 * coloured by its share of the row (so a rare class reads as clearly as a common one) and shows its
 * count when the cell is big enough. Many classes shrink the cells and label font, then thin the
 * labels; long names are shortened with an ellipsis.
 */
public final class Heatmap {

  /** The matrix aims at about this many pixels wide; cells stay within the bounds below. */
  private static final int TARGET_MATRIX_PIXELS = 640;

  private static final int MIN_CELL = 4;
  private static final int MAX_CELL = 56;
  private static final float MAX_LABEL_FONT = 12f;
  private static final float MIN_LABEL_FONT = 8f;
  private static final int MAX_LABEL_PIXELS = 150;
  private static final int PAD = 12;
  private static final int COLOUR_BAR_WIDTH = 14;
  private static final Color LOW = new Color(0xF7FBFF);
  private static final Color HIGH = new Color(0x08306B);

  private final String title;
  private final List<String> labels;
  private final int[][] counts;

  /**
   * @param title drawn above the matrix
   * @param labels class names, one per row and column
   * @param counts {@code counts[actual][predicted]}, square, as many rows as labels
   */
  public Heatmap(String title, List<String> labels, int[][] counts) {
    if (counts.length != labels.size()) {
      throw new IllegalArgumentException(
          "heatmap has " + counts.length + " rows but " + labels.size() + " labels");
    }
    this.title = title == null ? "" : title;
    this.labels = List.copyOf(labels);
    this.counts = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != counts.length) {
        throw new IllegalArgumentException(
            "heatmap row " + i + " has " + counts[i].length + " cells, expected " + counts.length);
      }
      this.counts[i] = counts[i].clone();
    }
  }

  /** Draws the heatmap on a PNG sized to fit the number of classes and the label widths. */
  public byte[] toPng() {
    int n = Math.max(1, counts.length);
    int cell = Math.max(MIN_CELL, Math.min(MAX_CELL, TARGET_MATRIX_PIXELS / n));
    float labelSize = Math.max(MIN_LABEL_FONT, Math.min(MAX_LABEL_FONT, cell * 0.8f));
    Font labelFont = new Font(ChartStyle.FONT_FAMILY, Font.PLAIN, 1).deriveFont(labelSize);
    // Thin labels when rows are shorter than the text: label every k-th class only.
    int every = Math.max(1, (int) Math.ceil((labelSize + 2) / cell));

    Png.Canvas measure = Png.canvas(1, 1);
    FontMetrics labelMetrics = measure.graphics().getFontMetrics(labelFont);
    FontMetrics titleMetrics = measure.graphics().getFontMetrics(ChartStyle.TITLE);
    FontMetrics axisMetrics = measure.graphics().getFontMetrics(ChartStyle.LABEL);
    measure.graphics().dispose();
    int labelPixels = 0;
    for (String label : labels) {
      labelPixels = Math.max(labelPixels, labelMetrics.stringWidth(label));
    }
    labelPixels = Math.min(MAX_LABEL_PIXELS, labelPixels) + 6;

    int matrix = cell * counts.length;
    int left = PAD + axisMetrics.getHeight() + labelPixels;
    int top = PAD + titleMetrics.getHeight() + PAD;
    int width = left + matrix + PAD + COLOUR_BAR_WIDTH + 40 + PAD;
    int height = top + matrix + labelPixels + axisMetrics.getHeight() + PAD;
    width = Math.max(width, titleMetrics.stringWidth(title) + 2 * PAD);

    Png.Canvas canvas = Png.canvas(width, height);
    Graphics2D g = canvas.graphics();
    g.setColor(ChartStyle.TEXT);
    g.setFont(ChartStyle.TITLE);
    g.drawString(
        title, (width - titleMetrics.stringWidth(title)) / 2, PAD + titleMetrics.getAscent());

    drawCells(g, left, top, cell);
    drawLabels(g, left, top, cell, every, labelFont, labelMetrics, labelPixels);
    drawAxisNames(g, left, top, matrix, labelPixels, axisMetrics);
    drawColourBar(g, left + matrix + PAD, top, Math.max(matrix, 60));
    return canvas.toPng();
  }

  private void drawCells(Graphics2D g, int left, int top, int cell) {
    Font countFont =
        new Font(ChartStyle.FONT_FAMILY, Font.PLAIN, 1).deriveFont(Math.min(13f, cell * 0.4f));
    FontMetrics countMetrics = g.getFontMetrics(countFont);
    g.setFont(countFont);
    for (int actual = 0; actual < counts.length; actual++) {
      long rowTotal = 0;
      for (int c : counts[actual]) {
        rowTotal += c;
      }
      for (int predicted = 0; predicted < counts.length; predicted++) {
        int count = counts[actual][predicted];
        double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
        int x = left + predicted * cell;
        int y = top + actual * cell;
        g.setColor(blend(share));
        g.fillRect(x, y, cell, cell);
        String text = Integer.toString(count);
        if (cell >= 18 && countMetrics.stringWidth(text) <= cell - 2) {
          g.setColor(share > 0.5 ? Color.WHITE : ChartStyle.TEXT);
          g.drawString(
              text,
              x + (cell - countMetrics.stringWidth(text)) / 2,
              y + (cell + countMetrics.getAscent() - countMetrics.getDescent()) / 2);
        }
      }
    }
    g.setColor(ChartStyle.AXIS);
    g.drawRect(left, top, cell * counts.length, cell * counts.length);
  }

  private void drawLabels(
      Graphics2D g,
      int left,
      int top,
      int cell,
      int every,
      Font font,
      FontMetrics metrics,
      int labelPixels) {
    g.setFont(font);
    g.setColor(ChartStyle.TEXT);
    int baselineShift = (cell + metrics.getAscent() - metrics.getDescent()) / 2;
    int bottom = top + cell * counts.length;
    for (int i = 0; i < counts.length; i += every) {
      String label = ChartStyle.fitMiddle(labels.get(i), metrics, labelPixels - 6);
      // Row label, right-aligned against the matrix.
      g.drawString(label, left - 4 - metrics.stringWidth(label), top + i * cell + baselineShift);
      // Column label, rotated to read upwards under its column.
      AffineTransform saved = g.getTransform();
      g.translate(left + i * cell + baselineShift, bottom + 4 + metrics.stringWidth(label));
      g.rotate(-Math.PI / 2);
      g.drawString(label, 0, 0);
      g.setTransform(saved);
    }
  }

  private void drawAxisNames(
      Graphics2D g, int left, int top, int matrix, int labelPixels, FontMetrics metrics) {
    g.setFont(ChartStyle.LABEL);
    g.setColor(ChartStyle.TEXT);
    String predicted = "predicted";
    g.drawString(
        predicted,
        left + (matrix - metrics.stringWidth(predicted)) / 2,
        top + matrix + labelPixels + metrics.getAscent());
    String actual = "actual";
    AffineTransform saved = g.getTransform();
    g.translate(PAD + metrics.getAscent(), top + (matrix + metrics.stringWidth(actual)) / 2);
    g.rotate(-Math.PI / 2);
    g.drawString(actual, 0, 0);
    g.setTransform(saved);
  }

  private void drawColourBar(Graphics2D g, int x, int top, int height) {
    for (int i = 0; i < height; i++) {
      g.setColor(blend(1 - (double) i / Math.max(1, height - 1)));
      g.fillRect(x, top + i, COLOUR_BAR_WIDTH, 1);
    }
    g.setColor(ChartStyle.AXIS);
    g.drawRect(x, top, COLOUR_BAR_WIDTH, height);
    g.setFont(ChartStyle.TICK);
    FontMetrics metrics = g.getFontMetrics();
    g.setColor(ChartStyle.TEXT);
    g.drawString("100%", x + COLOUR_BAR_WIDTH + 4, top + metrics.getAscent());
    g.drawString("0%", x + COLOUR_BAR_WIDTH + 4, top + height);
    g.drawString("of row", x + COLOUR_BAR_WIDTH + 4, top + height / 2);
  }

  /** Colour for a row share between 0 and 1 (light to dark blue). */
  private static Color blend(double share) {
    double t = Math.max(0, Math.min(1, share));
    return new Color(
        (int) Math.round(LOW.getRed() + (HIGH.getRed() - LOW.getRed()) * t),
        (int) Math.round(LOW.getGreen() + (HIGH.getGreen() - LOW.getGreen()) * t),
        (int) Math.round(LOW.getBlue() + (HIGH.getBlue() - LOW.getBlue()) * t));
  }
}
