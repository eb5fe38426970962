package io.rowspace.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link SpaceFacts} as one HTML page that needs nothing else: charts are inline SVG, the
 * 3-D view a canvas drawn by a few lines of inline script (drag to turn it), so the file can be
 * mailed or opened offline.
 */
public final class HtmlReport {
  private static final int CHART_WIDTH = 560;
  private static final int CHART_HEIGHT = 220;
  private static final int MARGIN = 40;

  private HtmlReport() {
  }

  public static String render(SpaceFacts facts) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Embedding space ").append(escape(facts.name())).append("</title>")
        .append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;")
        .append("text-align:left}th{background:#f3f3f3}.excluded{color:#999}")
        .append("svg text{font:11px sans-serif}h2{margin-top:1.6em}</style></head><body>\n")
        .append("<h1>Embedding space ").append(escape(facts.name())).append("</h1>\n");
    summary(html, facts.summary());
    html.append("<h2>Training timeline</h2>\n");
    if (facts.epochs().isEmpty()) {
      html.append("<p>No timeline was recorded for this space.</p>\n");
    } else {
      html.append(lineChart("Loss per epoch", facts.epochs(), List.of(
          new Series("train", "#1f77b4", SpaceFacts.Epoch::trainLoss),
          new Series("validation", "#d62728", SpaceFacts.Epoch::validationLoss))));
      html.append(lineChart("Learning rate", facts.epochs(), List.of(
          new Series("learning rate", "#2ca02c", SpaceFacts.Epoch::learningRate))));
      html.append(lineChart("Gradient norm and spread loss", facts.epochs(), List.of(
          new Series("gradient norm", "#9467bd", SpaceFacts.Epoch::gradNorm),
          new Series("spread loss", "#8c564b", SpaceFacts.Epoch::spreadLoss))));
      events(html, facts.epochs());
    }
    html.append("<h2>Mutual information per column</h2>\n<p>Bits the rest of a row tells about "
        + "the column (a lower bound, estimated on held-out rows): darker is more.</p>\n");
    heatStrip(html, facts.columns());
    html.append("<h2>Rows in 3-D</h2>\n<p>").append(facts.points().size()).append(" of ")
        .append(facts.rowCount()).append(" rows on the unit sphere (first three dimensions of "
            + "the embedding); colour from blue (typical) to red (anomaly score 3 or more). "
            + "Drag to turn.</p>\n");
    cloud(html, facts.points());
    html.append("<h2>Columns</h2>\n");
    columns(html, facts.columns());
    html.append("</body></html>\n");
    return html.toString();
  }

  private record Series(String label, String colour, ToDoubleFunction<SpaceFacts.Epoch> value) {
  }

  private static void summary(StringBuilder html, Map<String, String> summary) {
    html.append("<table>");
    summary.forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td>")
        .append(escape(v)).append("</td></tr>"));
    html.append("</table>\n");
  }

  private static String lineChart(String title, List<SpaceFacts.Epoch> epochs,
      List<Series> series) {
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
    if (max == min) {
      max = min + 1;
    }
    int w = CHART_WIDTH - 2 * MARGIN;
    int h = CHART_HEIGHT - 2 * MARGIN;
    int first = epochs.get(0).epoch();
    int last = Math.max(first + 1, epochs.get(epochs.size() - 1).epoch());
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">",
        CHART_WIDTH, CHART_HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-weight=\"bold\">%s"
        + "</text>", MARGIN, escape(title)));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "fill=\"none\" stroke=\"#ccc\"/>", MARGIN, MARGIN, w, h));
    svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%s</text><text x=\"2\" "
        + "y=\"%d\">%s</text>", MARGIN + 4, number(max), MARGIN + h, number(min)));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">epoch %d</text>"
        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", MARGIN, MARGIN + h + 16,
        first, MARGIN + w, MARGIN + h + 16, last));
    int legend = MARGIN + 150;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (SpaceFacts.Epoch e : epochs) {
        double v = s.value().applyAsDouble(e);
        if (!Double.isFinite(v)) {
          continue;
        }
        double x = MARGIN + w * (e.epoch() - first) / (double) (last - first);
        double y = MARGIN + h * (max - v) / (max - min);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.colour())
          .append("\" points=\"").append(points.toString().trim()).append("\"/>");
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" fill=\"%s\">%s</text>",
          legend, s.colour(), escape(s.label())));
      legend += 110;
    }
    return svg.append("</svg>\n").toString();
  }

  /** Epochs where training detected a failure or acted, as a list. */
  private static void events(StringBuilder html, List<SpaceFacts.Epoch> epochs) {
    List<String> items = new ArrayList<>();
    for (SpaceFacts.Epoch e : epochs) {
      if (!e.failures().isEmpty() || !e.actions().isEmpty()) {
        items.add("<li>epoch " + e.epoch() + ": " + escape(e.failures())
            + (e.actions().isEmpty() ? "" : " &rarr; " + escape(e.actions())) + "</li>");
      }
    }
    html.append(items.isEmpty() ? "<p>Training reported no failure and took no action.</p>\n"
        : "<p>What training detected and did:</p><ul>" + String.join("", items) + "</ul>\n");
  }

  private static void heatStrip(StringBuilder html, List<SpaceFacts.Column> columns) {
    double max = 0;
    List<SpaceFacts.Column> measured = new ArrayList<>();
    for (SpaceFacts.Column c : columns) {
      if (c.bits() != null) {
        measured.add(c);
        max = Math.max(max, c.bits());
      }
    }
    if (measured.isEmpty()) {
      html.append("<p>No estimates were stored for this space.</p>\n");
      return;
    }
    int cell = 64;
    html.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"110\" role=\"img\">",
        Math.max(200, cell * measured.size() + 10)));
    for (int i = 0; i < measured.size(); i++) {
      SpaceFacts.Column c = measured.get(i);
      double share = max == 0 ? 0 : c.bits() / max;
      int shade = (int) Math.round(255 - 200 * share);
      html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"40\""
          + " fill=\"rgb(%d,%d,255)\"><title>%s: %.2f bits</title></rect>", i * cell, cell - 2,
          shade, shade, escape(c.name()), c.bits()));
      html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"66\">%.2f</text><text x=\"%d\" "
          + "y=\"82\">%s</text>", i * cell + 2, c.bits(), i * cell + 2,
          escape(abbreviate(c.name(), 9))));
    }
    html.append("</svg>\n");
  }

  private static void cloud(StringBuilder html, List<double[]> points) {
    StringBuilder data = new StringBuilder("[");
    for (double[] p : points) {
      if (data.length() > 1) {
        data.append(',');
      }
      data.append(String.format(Locale.ROOT, "[%.4f,%.4f,%.4f,%.2f]", p[0], p[1], p[2],
          Double.isFinite(p[3]) ? p[3] : 0));
    }
    data.append(']');
    html.append("<canvas id=\"cloud\" width=\"520\" height=\"520\" style=\"border:1px solid #ccc;"
        + "cursor:grab\"></canvas>\n<script>\n")
        .append("const P=").append(data).append(";\n")
        .append("const c=document.getElementById('cloud'),g=c.getContext('2d');let a=0.6,b=0.3,d=null;\n")
        .append("function draw(){g.clearRect(0,0,520,520);const ca=Math.cos(a),sa=Math.sin(a),"
            + "cb=Math.cos(b),sb=Math.sin(b);const q=P.map(p=>{const x=ca*p[0]+sa*p[2],"
            + "z=-sa*p[0]+ca*p[2],y=cb*p[1]-sb*z,w=sb*p[1]+cb*z;return [x,y,w,p[3]];});"
            + "q.sort((u,v)=>u[2]-v[2]);for(const p of q){const t=Math.max(0,Math.min(1,p[3]/3));"
            + "g.fillStyle='rgba('+Math.round(40+215*t)+',80,'+Math.round(220-180*t)+','"
            + "+(0.35+0.4*(p[2]+1)/2)+')';g.beginPath();g.arc(260+230*p[0],260-230*p[1],"
            + "2+p[2],0,7);g.fill();}}\n")
        .append("c.onmousedown=e=>d=[e.clientX,e.clientY];onmouseup=()=>d=null;"
            + "onmousemove=e=>{if(!d)return;a+=(e.clientX-d[0])/150;b+=(e.clientY-d[1])/150;"
            + "d=[e.clientX,e.clientY];draw();};draw();\n</script>\n");
  }

  private static void columns(StringBuilder html, List<SpaceFacts.Column> columns) {
    html.append("<table><tr><th>table</th><th>column</th><th>SQL type</th><th>detected</th>"
        + "<th>encoder</th><th>status</th><th>reason</th><th>bits</th></tr>");
    for (SpaceFacts.Column c : columns) {
      boolean used = "USED".equals(c.status());
      html.append(used ? "<tr>" : "<tr class=\"excluded\">");
      for (String value : new String[] {c.table(), c.name(), c.sqlType(), c.detectedType(),
          c.encoder(), c.status(), c.reason()}) {
        html.append("<td>").append(escape(value == null ? "" : value)).append("</td>");
      }
      html.append("<td>").append(c.bits() == null ? ""
          : String.format(Locale.ROOT, "%.2f", c.bits())).append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private static String number(double value) {
    return Math.abs(value) >= 0.01 || value == 0 ? String.format(Locale.ROOT, "%.3f", value)
        : String.format(Locale.ROOT, "%.1e", value);
  }

  private static String abbreviate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "\u2026";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
