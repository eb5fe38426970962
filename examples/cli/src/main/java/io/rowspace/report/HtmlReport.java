package io.rowspace.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link SpaceFacts} as one HTML page that needs nothing else: charts are inline SVG with
 * labelled axes ({@link LineChart}), the 3-D view a canvas drawn by a short inline script
 * ({@link PointCloud}), so the file can be mailed or opened offline. A script error is written
 * into the page's {@code data-script-error} attribute, and a page that finished drawing carries
 * {@code data-report-ready="true"}.
 */
public final class HtmlReport {
  private static final String STYLE = String.join("",
      "body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}",
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;",
      "text-align:left}th{background:#f3f3f3}.excluded{color:#999}h2{margin-top:1.6em}",
      "svg text{font:12px sans-serif;fill:#333}svg .title{font-weight:bold;font-size:13px}",
      "svg .axis{font-size:12px;fill:#555}svg .grid{stroke:#e4e4e4}",
      "svg .marker{stroke:#999;stroke-dasharray:4 3}svg .marker-label{font-weight:bold;fill:#666}",
      ".chart{display:block;margin:0.8em 0}.note{color:#444;max-width:640px}",
      ".cloud{position:relative;display:flex;gap:1.2em;align-items:flex-start}",
      "#cloud{border:1px solid #ccc;cursor:grab}.legend{min-width:160px}",
      ".legend-title{font-weight:bold;margin-bottom:.4em}.swatch-row{margin:.15em 0}",
      ".swatch{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:6px;",
      "vertical-align:middle}.ramp{height:12px;width:160px;background:linear-gradient(90deg,",
      "#313695,#74add1,#fee090,#f46d43,#a50026)}.ramp-labels{display:flex;",
      "justify-content:space-between;width:160px;font-size:12px}",
      ".tip{position:absolute;display:none;background:#fff;border:1px solid #888;padding:3px 6px;",
      "font-size:12px;pointer-events:none;white-space:nowrap}");

  private HtmlReport() {
  }

  public static String render(SpaceFacts facts) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Embedding space ").append(escape(facts.name())).append("</title>")
        .append("<style>").append(STYLE).append("</style>")
        .append("<script>addEventListener('error',e=>document.body.setAttribute(")
        .append("'data-script-error',String(e.message)));</script></head><body>\n")
        .append("<h1>Embedding space ").append(escape(facts.name())).append("</h1>\n");
    summary(html, facts.summary());
    html.append("<h2>Training timeline</h2>\n");
    if (facts.epochs().isEmpty()) {
      html.append("<p>No timeline was recorded for this space.</p>\n");
    } else {
      List<TimelineNotes.Note> notes = TimelineNotes.of(facts.epochs());
      List<LineChart.Marker> markers = new ArrayList<>();
      for (TimelineNotes.Note n : notes) {
        markers.add(new LineChart.Marker(n.number(), n.epoch()));
      }
      html.append(LineChart.render("Loss per epoch", "loss", facts.epochs(), List.of(
          new LineChart.Series("train (curriculum-weighted)", "#1f77b4", SpaceFacts.Epoch::trainLoss),
          new LineChart.Series("validation", "#d62728", SpaceFacts.Epoch::validationLoss)),
          markers));
      html.append("<p class=\"note\">").append(escape(TimelineNotes.CURRICULUM)).append("</p>\n");
      if (!notes.isEmpty()) {
        html.append("<ol class=\"note\">");
        for (TimelineNotes.Note n : notes) {
          html.append("<li value=\"").append(n.number()).append("\">").append(escape(n.text()))
              .append("</li>");
        }
        html.append("</ol>\n");
      }
      html.append(LineChart.render("Learning rate", "learning rate", facts.epochs(), List.of(
          new LineChart.Series("learning rate", "#2ca02c", SpaceFacts.Epoch::learningRate)),
          List.of()));
      html.append(LineChart.render("Gradient norm and spread loss", "value", facts.epochs(),
          List.of(new LineChart.Series("gradient norm", "#9467bd", SpaceFacts.Epoch::gradNorm),
              new LineChart.Series("spread loss", "#8c564b", SpaceFacts.Epoch::spreadLoss)),
          List.of()));
      events(html, facts.epochs());
    }
    html.append("<h2>Mutual information per column</h2>\n<p>Bits the rest of a row tells about "
        + "the column (a lower bound, estimated on held-out rows), as in DESCRIBE EMBEDDING "
        + "SPACE; excluded columns have no estimate.</p>\n");
    informationBars(html, facts.columns());
    html.append("<h2>Rows in 3-D</h2>\n<p>").append(facts.points().size()).append(" of ")
        .append(facts.rowCount()).append(" rows on the unit sphere (first three dimensions of "
            + "the embedding), coloured by ")
        .append(facts.colorBy() == null ? "anomaly score" : escape(facts.colorBy()))
        .append(". Drag to turn; hover a point for its key and values.</p>\n");
    PointCloud.render(html, facts.points(), facts.colorBy());
    html.append("<h2>Columns</h2>\n");
    columns(html, facts.columns());
    html.append("</body></html>\n");
    return html.toString();
  }

  private static void summary(StringBuilder html, Map<String, String> summary) {
    html.append("<table>");
    summary.forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td>")
        .append(escape(v)).append("</td></tr>"));
    html.append("</table>\n");
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

  /** One horizontal bar per column with an estimate, its name on the left, bits on the right. */
  private static void informationBars(StringBuilder html, List<SpaceFacts.Column> columns) {
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
    int row = 22;
    int nameWidth = 190;
    int barWidth = 360;
    html.append(String.format(Locale.ROOT, "<svg class=\"chart\" id=\"information\" "
        + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"mutual information per column\">",
        nameWidth + barWidth + 80, row * measured.size() + 24));
    for (int i = 0; i < measured.size(); i++) {
      SpaceFacts.Column c = measured.get(i);
      double share = max == 0 ? 0 : c.bits() / max;
      int y = i * row;
      html.append(String.format(Locale.ROOT, "<g class=\"mi\" data-column=\"%s\" "
          + "data-bits=\"%s\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
          + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4c72b0\">"
          + "<title>%s: %.3f bits</title></rect><text x=\"%.1f\" y=\"%d\">%.3f</text></g>",
          escape(c.name()), Double.toString(c.bits()), nameWidth - 8, y + 15,
          escape(abbreviate(c.name(), 26)), nameWidth, y + 3, Math.max(1, barWidth * share),
          row - 6, escape(c.name()), c.bits(), nameWidth + Math.max(1, barWidth * share) + 6,
          y + 15, c.bits()));
    }
    html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">bits"
        + "</text></svg>\n", nameWidth, row * measured.size() + 18));
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

  static String number(double value) {
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
