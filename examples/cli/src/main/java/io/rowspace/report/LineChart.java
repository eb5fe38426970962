package io.rowspace.report;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One SVG chart of values per epoch: a title, a legend on its own line under it, a y axis with
 * round ticks, grid lines and a title, an x axis of epochs, a line with a dot per epoch (hovering
 * a dot shows its value), and numbered dashed markers at the epochs the notes under the chart
 * explain.
 */
final class LineChart {
  static final int WIDTH = 640;
  static final int HEIGHT = 290;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 56;
  private static final int BOTTOM = 46;

  /** One line: its legend label, colour and value per epoch. */
  record Series(String label, String colour, ToDoubleFunction<SpaceFacts.Epoch> value) {
  }

  /** A numbered marker at an epoch. */
  record Marker(int number, int epoch) {
  }

  private LineChart() {
  }

  /** The chart as SVG, or an empty string when no series has a finite value. */
  static String render(String title, String yTitle, List<SpaceFacts.Epoch> epochs,
      List<Series> series, List<Marker> markers) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (SpaceFacts.Epoch e : epochs) {
        double v = s.value().applyAsDouble(e);
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (!Double.isFinite(min)) {
      return "";
    }
    AxisTicks y = AxisTicks.covering(min, max, 5);
    int first = epochs.get(0).epoch();
    int last = Math.max(first + 1, epochs.get(epochs.size() - 1).epoch());
    AxisTicks x = AxisTicks.epochs(first, last);
    int w = WIDTH - LEFT - RIGHT;
    int h = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT,
        HtmlReport.escape(title)));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>",
        LEFT, HtmlReport.escape(title)));
    int legendX = LEFT;
    for (Series s : series) {
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"34\" "
          + "stroke=\"%s\" stroke-width=\"3\"/><text x=\"%d\" y=\"38\">%s</text>", legendX,
          legendX + 18, s.colour(), legendX + 24, HtmlReport.escape(s.label())));
      legendX += 40 + 7 * s.label().length();
    }
    for (double v : y.values()) {
      double py = TOP + h * (y.max() - v) / (y.max() - y.min());
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
          + "class=\"grid\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, py,
          LEFT + w, py, LEFT - 6, py + 4, y.label(v)));
    }
    for (double v : x.values()) {
      double px = LEFT + w * (v - first) / (last - first);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#444\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", px,
          TOP + h, px, TOP + h + 5, px, TOP + h + 18, (int) v));
    }
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "fill=\"none\" stroke=\"#888\"/>", LEFT, TOP, w, h));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
        + "class=\"axis\">epoch</text>", LEFT + w / 2, HEIGHT - 8));
    svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\" "
        + "text-anchor=\"middle\" class=\"axis\">%s</text>", TOP + h / 2, HtmlReport.escape(yTitle)));
    for (Marker m : markers) {
      double px = LEFT + w * (m.epoch() - first) / (double) (last - first);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "class=\"marker\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
          + "class=\"marker-label\">%d</text>", px, TOP, px, TOP + h, px, TOP - 4, m.number()));
    }
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (SpaceFacts.Epoch e : epochs) {
        double v = s.value().applyAsDouble(e);
        if (!Double.isFinite(v)) {
          continue;
        }
        double px = LEFT + w * (e.epoch() - first) / (double) (last - first);
        double py = TOP + h * (y.max() - v) / (y.max() - y.min());
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
            + "fill=\"%s\"><title>%s, epoch %d: %s</title></circle>", px, py, s.colour(),
            HtmlReport.escape(s.label()), e.epoch(), HtmlReport.number(v)));
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.colour())
          .append("\" points=\"").append(points.toString().trim()).append("\"/>").append(dots);
    }
    return svg.append("</svg>\n").toString();
  }
}
