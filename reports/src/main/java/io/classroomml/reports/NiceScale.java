package io.classroomml.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis range widened to round numbers with ticks at 1, 2 or 5 × 10^k steps (the "nice numbers"
 * idea from Heckbert, Graphics Gems, 1990), so labels read 0.2, 0.4, … rather than 0.173, 0.346.
 *
 * @param min lowest tick
 * @param max highest tick
 * @param step distance between ticks
 */
record NiceScale(double min, double max, double step) {

  /**
   * A scale covering {@code [low, high]} with at most about {@code maxTicks} ticks. A degenerate
   * range (one value, or nothing known) is widened so the scale always has extent.
   *
   * @param integers ticks only on whole numbers (epochs)
   */
  static NiceScale of(double low, double high, int maxTicks, boolean integers) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      low = 0;
      high = 1;
    }
    if (high < low) {
      double swap = low;
      low = high;
      high = swap;
    }
    if (high == low) {
      double pad = integers ? 1 : (low == 0 ? 1 : Math.abs(low) * 0.1);
      low -= pad;
      high += pad;
    }
    double range = nice(high - low, false);
    double step = nice(range / Math.max(1, maxTicks - 1), true);
    if (integers) {
      step = Math.max(1, Math.rint(step));
    }
    double min = Math.floor(low / step) * step;
    double max = Math.ceil(high / step) * step;
    return new NiceScale(min, max, step);
  }

  /** Nice number near {@code x}: 1, 2, 5 or 10 times a power of ten. */
  private static double nice(double x, boolean round) {
    double exponent = Math.floor(Math.log10(x));
    double fraction = x / Math.pow(10, exponent);
    double niceFraction;
    if (round) {
      niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
    } else {
      niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    }
    return niceFraction * Math.pow(10, exponent);
  }

  /** Tick values from {@link #min} to {@link #max}. */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    long count = Math.round((max - min) / step);
    for (long i = 0; i <= count; i++) {
      ticks.add(min + i * step);
    }
    return ticks;
  }

  /** A tick label with just enough decimals for this step, never {@code -0}. */
  String label(double value) {
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
  }

  /** Position of {@code value} as a fraction of the axis, 0 at {@link #min}, 1 at {@link #max}. */
  double fraction(double value) {
    return (value - min) / (max - min);
  }
}
