package io.classroomml.reports;

import java.util.Locale;

/** Number-to-text in one place, locale-independent so reports are byte-identical everywhere. */
final class Format {

  /** Shown for unknown (NaN) values in human-facing text. */
  static final String UNKNOWN = "n/a";

  private Format() {}

  /** {@code 0.1234} → {@code 12.3%}. */
  static String percent(double fraction) {
    return Double.isFinite(fraction)
        ? String.format(Locale.ROOT, "%.1f%%", fraction * 100)
        : UNKNOWN;
  }

  /** Four significant digits, no exponent for everyday magnitudes. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return UNKNOWN;
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    if (value == Math.rint(value) && magnitude < 1e9) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    int decimals = magnitude >= 1000 ? 1 : magnitude >= 100 ? 2 : magnitude >= 1 ? 3 : 4;
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** Seconds with one decimal, e.g. {@code 12.3 s}. */
  static String seconds(double seconds) {
    return Double.isFinite(seconds) ? String.format(Locale.ROOT, "%.1f s", seconds) : UNKNOWN;
  }

  /** Bytes in binary units, e.g. {@code 1.5 GiB}. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return UNKNOWN;
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** Machine-readable value for CSV/JSON: full precision, empty string for NaN/infinite. */
  static String exact(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "";
  }
}
