package io.classroomml.local.tune;

import io.classroomml.contract.tuning.CategoricalRange;
import io.classroomml.contract.tuning.ContinuousRange;
import io.classroomml.contract.tuning.IntegerRange;
import io.classroomml.contract.tuning.ParameterRanges;
import io.classroomml.contract.tuning.ScalingType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The tuned hyperparameters of a spec as a unit cube: every numeric range maps to [0, 1] through
 * its {@code ScalingType} (so a uniform draw in the cube is a uniform draw on the range's scale),
 * every categorical range to a one-hot block. Random search samples the cube; the Bayesian search
 * fits its Gaussian process in it.
 */
public final class ParameterSpace {

  /** SageMaker's {@code Auto} picks log scale for positive ranges this wide or wider. */
  static final double AUTO_LOG_RATIO = 100;

  private sealed interface Dimension permits Numeric, Categorical {
    String name();

    int width();
  }

  private record Numeric(String name, double min, double max, Scale scale, boolean integer)
      implements Dimension {
    @Override
    public int width() {
      return 1;
    }
  }

  private record Categorical(String name, List<String> values) implements Dimension {
    @Override
    public int width() {
      return values.size();
    }
  }

  /** How a numeric range is mapped to [0, 1]. */
  enum Scale {
    LINEAR,
    LOG,
    REVERSE_LOG
  }

  private final List<Dimension> dimensions = new ArrayList<>();

  /** The space of {@code ranges}. */
  public ParameterSpace(ParameterRanges ranges) {
    for (IntegerRange r : ranges.integerRanges()) {
      dimensions.add(
          new Numeric(
              r.name(),
              r.minValue(),
              r.maxValue(),
              scale(r.scalingType(), r.minValue(), r.maxValue()),
              true));
    }
    for (ContinuousRange r : ranges.continuousRanges()) {
      dimensions.add(
          new Numeric(
              r.name(),
              r.minValue(),
              r.maxValue(),
              scale(r.scalingType(), r.minValue(), r.maxValue()),
              false));
    }
    for (CategoricalRange r : ranges.categoricalRanges()) {
      dimensions.add(new Categorical(r.name(), r.values()));
    }
  }

  static Scale scale(ScalingType type, double min, double max) {
    return switch (type) {
      case LINEAR -> Scale.LINEAR;
      case LOGARITHMIC -> Scale.LOG;
      case REVERSE_LOGARITHMIC -> Scale.REVERSE_LOG;
      case AUTO -> min > 0 && max / min >= AUTO_LOG_RATIO ? Scale.LOG : Scale.LINEAR;
    };
  }

  /** Length of an encoded point. */
  public int encodedSize() {
    return dimensions.stream().mapToInt(Dimension::width).sum();
  }

  /** Whether the space has no tuned hyperparameter. */
  public boolean isEmpty() {
    return dimensions.isEmpty();
  }

  /** A uniform draw (on each range's scale). */
  public Map<String, String> sample(Random random) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      if (d instanceof Numeric n) {
        values.put(n.name(), format(n, fromUnit(n, random.nextDouble())));
      } else if (d instanceof Categorical c) {
        values.put(c.name(), c.values().get(random.nextInt(c.values().size())));
      }
    }
    return values;
  }

  /** The point in the unit cube for {@code values}. */
  public double[] encode(Map<String, String> values) {
    double[] x = new double[encodedSize()];
    int i = 0;
    for (Dimension d : dimensions) {
      String v = values.get(d.name());
      if (d instanceof Numeric n) {
        x[i] = toUnit(n, Double.parseDouble(v));
      } else if (d instanceof Categorical c) {
        int index = c.values().indexOf(v);
        if (index >= 0) {
          x[i + index] = 1;
        }
      }
      i += d.width();
    }
    return x;
  }

  /** The hyperparameters at {@code x} (categoricals: the largest entry of their block). */
  public Map<String, String> decode(double[] x) {
    Map<String, String> values = new LinkedHashMap<>();
    int i = 0;
    for (Dimension d : dimensions) {
      if (d instanceof Numeric n) {
        values.put(n.name(), format(n, fromUnit(n, Math.min(1, Math.max(0, x[i])))));
      } else if (d instanceof Categorical c) {
        int best = 0;
        for (int k = 1; k < c.width(); k++) {
          if (x[i + k] > x[i + best]) {
            best = k;
          }
        }
        values.put(c.name(), c.values().get(best));
      }
      i += d.width();
    }
    return values;
  }

  /** A random point of the cube that decodes to a valid setting (one-hot blocks set). */
  public double[] randomPoint(Random random) {
    return encode(sample(random));
  }

  private static double toUnit(Numeric n, double value) {
    if (n.max() == n.min()) {
      return 0;
    }
    return switch (n.scale()) {
      case LINEAR -> (value - n.min()) / (n.max() - n.min());
      case LOG -> (Math.log(value) - Math.log(n.min())) / (Math.log(n.max()) - Math.log(n.min()));
      case REVERSE_LOG ->
          (Math.log(1 - n.min()) - Math.log(1 - value))
              / (Math.log(1 - n.min()) - Math.log(1 - n.max()));
    };
  }

  private static double fromUnit(Numeric n, double u) {
    double v =
        switch (n.scale()) {
          case LINEAR -> n.min() + u * (n.max() - n.min());
          case LOG -> Math.exp(Math.log(n.min()) + u * (Math.log(n.max()) - Math.log(n.min())));
          case REVERSE_LOG ->
              1
                  - Math.exp(
                      Math.log(1 - n.min()) - u * (Math.log(1 - n.min()) - Math.log(1 - n.max())));
        };
    return Math.min(n.max(), Math.max(n.min(), v));
  }

  private static String format(Numeric n, double value) {
    if (n.integer()) {
      return Long.toString(Math.round(value));
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
