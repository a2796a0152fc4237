package io.classroomml.reports;

import java.util.Objects;

/**
 * One named line on a {@link LineChart}. NaN in {@code y} (or {@code x}) leaves a gap.
 *
 * @param name shown in the legend
 * @param x x values
 * @param y y values, as many as {@code x}
 * @param dashed draw a dashed line (e.g. validation next to a solid training line)
 */
public record Series(String name, double[] x, double[] y, boolean dashed) {

  /** Checks and copies the arrays (a record would otherwise share the caller's arrays). */
  public Series {
    name = Objects.requireNonNullElse(name, "");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series \"" + name + "\" has " + x.length + " x values but " + y.length + " y values");
    }
    x = x.clone();
    y = y.clone();
  }

  /** A copy of the x values. */
  @Override
  public double[] x() {
    return x.clone();
  }

  /** A copy of the y values. */
  @Override
  public double[] y() {
    return y.clone();
  }

  int size() {
    return x.length;
  }

  double xAt(int i) {
    return x[i];
  }

  double yAt(int i) {
    return y[i];
  }

  boolean defined(int i) {
    return Double.isFinite(x[i]) && Double.isFinite(y[i]);
  }
}
