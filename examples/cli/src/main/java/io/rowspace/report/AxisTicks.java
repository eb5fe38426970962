package io.rowspace.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ticks of a chart axis: round values (1, 2 or 5 times a power of ten) that cover a range in
 * about five steps, and their labels written with as many decimals as the step needs.
 *
 * @param values the tick values, ascending; the first is at most the range's minimum and the
 *     last at least its maximum
 * @param step the distance between ticks
 */
record AxisTicks(List<Double> values, double step) {
  /** Ticks for {@code [min, max]} in about {@code count} steps. */
  static AxisTicks covering(double min, double max, int count) {
    if (!(max > min)) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / Math.max(1, count);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = power;
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      step = factor * power;
      if (step >= raw) {
        break;
      }
    }
    double first = Math.floor(min / step) * step;
    double last = Math.ceil(max / step) * step;
    List<Double> values = new ArrayList<>();
    for (int i = 0; first + i * step <= last + step * 1e-9; i++) {
      values.add(first + i * step);
    }
    return new AxisTicks(List.copyOf(values), step);
  }

  /** Integer ticks for epochs {@code first..last}: every epoch, or every 2, 5, 10, ... */
  static AxisTicks epochs(int first, int last) {
    AxisTicks ticks = covering(first, Math.max(first + 1, last), Math.min(8, Math.max(1, last - first)));
    double step = Math.max(1, Math.round(ticks.step()));
    List<Double> values = new ArrayList<>();
    for (double v = Math.ceil(first / step) * step; v <= last; v += step) {
      values.add(v);
    }
    if (values.isEmpty() || values.get(0) > first) {
      values.add(0, (double) first);
    }
    return new AxisTicks(List.copyOf(values), step);
  }

  double min() {
    return values.get(0);
  }

  double max() {
    return values.get(values.size() - 1);
  }

  /** A tick's label: decimals as the step needs, or scientific for very small or large values. */
  String label(double value) {
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.max(Math.abs(min()), Math.abs(max()));
    if (magnitude >= 1e6 || step < 1e-4) {
      return String.format(Locale.ROOT, "%.2g", value);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (step * Math.pow(10, decimals) % 1 > 1e-6) {
      decimals++;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
