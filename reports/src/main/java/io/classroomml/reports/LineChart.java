package io.classroomml.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Objects;

/**
 * A line chart with several named series: title, axis labels, round-number ticks with grid lines,
 * and a legend beside the plot. Gaps where values are NaN; a point with no neighbour (one epoch)
 * still shows as a marker.
 */
public final class LineChart {

  /** Up to this many points per series get a marker on each point. */
  private static final int MAX_MARKED_POINTS = 40;

  private static final int PAD = 10;
  private static final int LEGEND_SWATCH = 22;
  private static final int LEGEND_ROW = 17;
  private static final int MAX_LEGEND_WIDTH = 200;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series;
  private final boolean integerX;

  /**
   * @param title drawn above the plot
   * @param xLabel under the x axis
   * @param yLabel beside the y axis
   * @param series the lines, drawn in order with palette colours
   * @param integerX ticks only on whole x values (epochs)
   */
  public LineChart(
      String title, String xLabel, String yLabel, List<Series> series, boolean integerX) {
    this.title = Objects.requireNonNullElse(title, "");
    this.xLabel = Objects.requireNonNullElse(xLabel, "");
    this.yLabel = Objects.requireNonNullElse(yLabel, "");
    this.series = List.copyOf(series);
    this.integerX = integerX;
  }

  /** Draws this chart alone on a {@code width} × {@code height} PNG. */
  public byte[] toPng(int width, int height) {
    Png.Canvas canvas = Png.canvas(width, height);
    draw(canvas.graphics(), new Rectangle(0, 0, width, height));
    return canvas.toPng();
  }

  /** Draws this chart into {@code area} of {@code g} (several charts can share one image). */
  public void draw(Graphics2D g, Rectangle area) {
    int top = area.y + PAD;
    g.setColor(ChartStyle.TEXT);
    g.setFont(ChartStyle.TITLE);
    FontMetrics titleMetrics = g.getFontMetrics();
    if (!title.isEmpty()) {
      String text = ChartStyle.fit(title, titleMetrics, area.width - 2 * PAD);
      g.drawString(
          text,
          area.x + (area.width - titleMetrics.stringWidth(text)) / 2,
          top + titleMetrics.getAscent());
      top += titleMetrics.getHeight() + PAD / 2;
    }

    g.setFont(ChartStyle.LABEL);
    FontMetrics labelMetrics = g.getFontMetrics();
    g.setFont(ChartStyle.TICK);
    FontMetrics tickMetrics = g.getFontMetrics();

    NiceScale xScale = NiceScale.of(min(true), max(true), 8, integerX);
    NiceScale yScale = NiceScale.of(min(false), max(false), 6, false);

    int yTickWidth = 0;
    for (double tick : yScale.ticks()) {
      yTickWidth = Math.max(yTickWidth, tickMetrics.stringWidth(yScale.label(tick)));
    }
    int legendWidth = legendWidth(labelMetrics);
    int left =
        area.x + PAD + (yLabel.isEmpty() ? 0 : labelMetrics.getHeight() + 4) + yTickWidth + 6;
    int right = area.x + area.width - PAD - (legendWidth == 0 ? 0 : legendWidth + PAD);
    int bottom =
        area.y
            + area.height
            - PAD
            - (xLabel.isEmpty() ? 0 : labelMetrics.getHeight() + 2)
            - tickMetrics.getHeight()
            - 4;
    Rectangle plot = new Rectangle(left, top, Math.max(1, right - left), Math.max(1, bottom - top));

    drawGridAndTicks(g, plot, xScale, yScale, tickMetrics);
    drawAxisLabels(g, area, plot, labelMetrics);
    Shape oldClip = g.getClip();
    g.clip(new Rectangle(plot.x - 4, plot.y - 4, plot.width + 8, plot.height + 8));
    boolean anyPoint = false;
    for (int i = 0; i < series.size(); i++) {
      anyPoint |= drawSeries(g, plot, xScale, yScale, series.get(i), i);
    }
    g.setClip(oldClip);
    if (!anyPoint) {
      g.setFont(ChartStyle.LABEL);
      g.setColor(ChartStyle.AXIS);
      String text = "no data";
      g.drawString(
          text,
          plot.x + (plot.width - labelMetrics.stringWidth(text)) / 2,
          plot.y + plot.height / 2);
    }
    if (legendWidth > 0) {
      drawLegend(g, new Rectangle(right + PAD, plot.y, legendWidth, plot.height), labelMetrics);
    }
  }

  private double min(boolean x) {
    double min = Double.POSITIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.size(); i++) {
        if (s.defined(i)) {
          min = Math.min(min, x ? s.xAt(i) : s.yAt(i));
        }
      }
    }
    return min;
  }

  private double max(boolean x) {
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.size(); i++) {
        if (s.defined(i)) {
          max = Math.max(max, x ? s.xAt(i) : s.yAt(i));
        }
      }
    }
    return max;
  }

  private int legendWidth(FontMetrics metrics) {
    if (series.size() < 2 && (series.isEmpty() || series.get(0).name().isEmpty())) {
      return 0;
    }
    int width = 0;
    for (Series s : series) {
      width = Math.max(width, metrics.stringWidth(s.name()));
    }
    return Math.min(MAX_LEGEND_WIDTH, width + LEGEND_SWATCH + 6);
  }

  private void drawGridAndTicks(
      Graphics2D g, Rectangle plot, NiceScale xScale, NiceScale yScale, FontMetrics tickMetrics) {
    g.setFont(ChartStyle.TICK);
    for (double tick : yScale.ticks()) {
      int py = yPixel(plot, yScale, tick);
      g.setColor(ChartStyle.GRID);
      g.drawLine(plot.x, py, plot.x + plot.width, py);
      g.setColor(ChartStyle.TEXT);
      String label = yScale.label(tick);
      g.drawString(
          label, plot.x - 6 - tickMetrics.stringWidth(label), py + tickMetrics.getAscent() / 2 - 1);
    }
    List<Double> xTicks = xScale.ticks();
    for (double tick : xTicks) {
      int px = xPixel(plot, xScale, tick);
      g.setColor(ChartStyle.GRID);
      g.drawLine(px, plot.y, px, plot.y + plot.height);
      g.setColor(ChartStyle.TEXT);
      String label = xScale.label(tick);
      g.drawString(
          label,
          px - tickMetrics.stringWidth(label) / 2,
          plot.y + plot.height + 4 + tickMetrics.getAscent());
    }
    g.setColor(ChartStyle.AXIS);
    g.drawRect(plot.x, plot.y, plot.width, plot.height);
  }

  private void drawAxisLabels(Graphics2D g, Rectangle area, Rectangle plot, FontMetrics metrics) {
    g.setFont(ChartStyle.LABEL);
    g.setColor(ChartStyle.TEXT);
    if (!xLabel.isEmpty()) {
      String text = ChartStyle.fit(xLabel, metrics, plot.width);
      g.drawString(
          text,
          plot.x + (plot.width - metrics.stringWidth(text)) / 2,
          area.y + area.height - PAD - metrics.getDescent());
    }
    if (!yLabel.isEmpty()) {
      String text = ChartStyle.fit(yLabel, metrics, plot.height);
      AffineTransform saved = g.getTransform();
      g.translate(
          area.x + PAD + metrics.getAscent(),
          plot.y + (plot.height + metrics.stringWidth(text)) / 2);
      g.rotate(-Math.PI / 2);
      g.drawString(text, 0, 0);
      g.setTransform(saved);
    }
  }

  /** Draws one series; returns whether it had any point to draw. */
  private boolean drawSeries(
      Graphics2D g, Rectangle plot, NiceScale xScale, NiceScale yScale, Series s, int index) {
    Color color = ChartStyle.color(index);
    boolean dashed = s.dashed() || index >= ChartStyle.PALETTE.length;
    Stroke saved = g.getStroke();
    g.setStroke(
        dashed
            ? new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f)
            : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(color);
    Path2D.Double path = new Path2D.Double();
    boolean penDown = false;
    boolean any = false;
    boolean markAll = s.size() <= MAX_MARKED_POINTS;
    for (int i = 0; i < s.size(); i++) {
      if (!s.defined(i)) {
        penDown = false;
        continue;
      }
      any = true;
      double px = xPixelExact(plot, xScale, s.xAt(i));
      double py = yPixelExact(plot, yScale, s.yAt(i));
      if (penDown) {
        path.lineTo(px, py);
      } else {
        path.moveTo(px, py);
        penDown = true;
      }
      boolean isolated = (i == 0 || !s.defined(i - 1)) && (i == s.size() - 1 || !s.defined(i + 1));
      if (markAll || isolated) {
        g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
      }
    }
    g.draw(path);
    g.setStroke(saved);
    return any;
  }

  private void drawLegend(Graphics2D g, Rectangle box, FontMetrics metrics) {
    g.setFont(ChartStyle.LABEL);
    int rows = Math.max(1, box.height / LEGEND_ROW);
    int shown = series.size() <= rows ? series.size() : rows - 1;
    int y = box.y + metrics.getAscent();
    Stroke saved = g.getStroke();
    for (int i = 0; i < shown; i++) {
      Series s = series.get(i);
      boolean dashed = s.dashed() || i >= ChartStyle.PALETTE.length;
      g.setColor(ChartStyle.color(i));
      g.setStroke(
          dashed
              ? new BasicStroke(
                  2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 3f}, 0f)
              : new BasicStroke(2f));
      int midY = y - metrics.getAscent() / 2 + 1;
      g.drawLine(box.x, midY, box.x + LEGEND_SWATCH - 4, midY);
      g.setColor(ChartStyle.TEXT);
      g.drawString(
          ChartStyle.fitMiddle(s.name(), metrics, box.width - LEGEND_SWATCH),
          box.x + LEGEND_SWATCH,
          y);
      y += LEGEND_ROW;
    }
    if (shown < series.size()) {
      g.setColor(ChartStyle.AXIS);
      g.drawString("… " + (series.size() - shown) + " more", box.x + LEGEND_SWATCH, y);
    }
    g.setStroke(saved);
  }

  private static double xPixelExact(Rectangle plot, NiceScale scale, double x) {
    return plot.x + scale.fraction(x) * plot.width;
  }

  private static double yPixelExact(Rectangle plot, NiceScale scale, double y) {
    return plot.y + plot.height - scale.fraction(y) * plot.height;
  }

  private static int xPixel(Rectangle plot, NiceScale scale, double x) {
    return (int) Math.round(xPixelExact(plot, scale, x));
  }

  private static int yPixel(Rectangle plot, NiceScale scale, double y) {
    return (int) Math.round(yPixelExact(plot, scale, y));
  }
}
