package io.rowspace.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 3-D view of a space's rows: a canvas drawn by a short inline script (drag to turn it,
 * hover a point for its key and values), coloured by a column with a legend beside it. A column
 * with at most {@link #MAX_CATEGORIES} distinct values gets one colour per value; a numeric column
 * with more gets a blue-to-red scale. Without a column the scale shows the anomaly score.
 *
 * <p>After drawing, the script writes the number of points drawn into the canvas's
 * {@code data-points-drawn} attribute, so that a headless browser's DOM shows that the view holds
 * data.
 */
final class PointCloud {
  static final int MAX_CATEGORIES = 12;
  static final int SIZE = 560;
  private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
      "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a"};
  private static final String OTHER = "#c7c7c7";

  private PointCloud() {
  }

  static void render(StringBuilder html, List<SpaceFacts.Point> points, String colorBy) {
    boolean numeric = colorBy == null || isNumeric(points);
    Map<String, Integer> categories = new LinkedHashMap<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    if (numeric) {
      for (SpaceFacts.Point p : points) {
        double v = colorBy == null ? Math.min(3, Math.max(0, p.anomalyScore())) : value(p);
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      if (!Double.isFinite(min)) {
        min = 0;
        max = 1;
      }
    } else {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (SpaceFacts.Point p : points) {
        counts.merge(label(p.color()), 1, Integer::sum);
      }
      List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
      byCount.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
          .thenComparing(Map.Entry.comparingByKey()));
      for (int i = 0; i < byCount.size() && i < MAX_CATEGORIES - 1; i++) {
        categories.put(byCount.get(i).getKey(), i);
      }
      if (byCount.size() == MAX_CATEGORIES) {
        categories.put(byCount.get(MAX_CATEGORIES - 1).getKey(), MAX_CATEGORIES - 1);
      }
    }
    StringBuilder data = new StringBuilder("[");
    StringBuilder labels = new StringBuilder("[");
    for (SpaceFacts.Point p : points) {
      if (data.length() > 1) {
        data.append(',');
        labels.append(',');
      }
      String colour;
      if (numeric) {
        double v = colorBy == null ? Math.min(3, Math.max(0, p.anomalyScore())) : value(p);
        double range = max - min == 0 ? 1 : max - min;
        colour = Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", (v - min) / range) : "null";
      } else {
        colour = Integer.toString(categories.getOrDefault(label(p.color()), -1));
      }
      data.append(String.format(Locale.ROOT, "[%.4f,%.4f,%.4f,%.3f,%s]", finite(p.x()),
          finite(p.y()), finite(p.z()), finite(p.anomalyScore()), colour));
      labels.append(jsString(p.key() + (colorBy == null ? "" : "\u0001" + label(p.color()))));
    }
    data.append(']');
    labels.append(']');
    String title = colorBy == null ? "anomaly score" : colorBy;
    html.append("<div class=\"cloud\"><canvas id=\"cloud\" width=\"").append(SIZE)
        .append("\" height=\"").append(SIZE).append("\" data-points-drawn=\"0\"></canvas>")
        .append("<div class=\"legend\" id=\"cloud-legend\"><div class=\"legend-title\">Colour: ")
        .append(HtmlReport.escape(title)).append("</div>");
    if (numeric) {
      html.append("<div class=\"ramp\"></div><div class=\"ramp-labels\"><span>")
          .append(legendNumber(min)).append(colorBy == null ? " (typical)" : "")
          .append("</span><span>").append(legendNumber(max))
          .append(colorBy == null ? " or more" : "").append("</span></div>");
    } else {
      for (Map.Entry<String, Integer> c : categories.entrySet()) {
        html.append("<div class=\"swatch-row\"><span class=\"swatch\" style=\"background:")
            .append(PALETTE[c.getValue()]).append("\"></span>").append(HtmlReport.escape(c.getKey()))
            .append("</div>");
      }
      if (categories.size() < countDistinct(points)) {
        html.append("<div class=\"swatch-row\"><span class=\"swatch\" style=\"background:")
            .append(OTHER).append("\"></span>other values</div>");
      }
    }
    html.append("</div><div id=\"tip\" class=\"tip\"></div></div>\n<script>\n")
        .append("const P=").append(data).append(",L=").append(labels).append(",NUMERIC=")
        .append(numeric).append(",COLOR_BY=").append(jsString(title)).append(",PAL=[");
    for (int i = 0; i < PALETTE.length; i++) {
      html.append(i == 0 ? "" : ",").append('\'').append(PALETTE[i]).append('\'');
    }
    html.append("];\n").append(SCRIPT).append("</script>\n");
  }

  private static final String SCRIPT = String.join("\n",
      "const c=document.getElementById('cloud'),g=c.getContext('2d'),tip=document.getElementById('tip');",
      "const W=c.width,H=c.height,R=W/2-30;let a=0.6,b=0.3,d=null,S=[];",
      "function ramp(t){const s=[[49,54,149],[116,173,209],[254,224,144],[244,109,67],[165,0,38]];",
      "  const u=Math.max(0,Math.min(1,t))*(s.length-1),i=Math.min(s.length-2,Math.floor(u)),f=u-i;",
      "  return 'rgb('+s[i].map((v,k)=>Math.round(v+(s[i+1][k]-v)*f)).join(',')+')';}",
      "function colour(p){if(NUMERIC)return p[4]===null?'#bbbbbb':ramp(p[4]);return p[4]<0?'"
          + OTHER + "':PAL[p[4]];}",
      "function draw(){g.clearRect(0,0,W,H);const ca=Math.cos(a),sa=Math.sin(a),cb=Math.cos(b),sb=Math.sin(b);",
      "  S=P.map((p,i)=>{const x=ca*p[0]+sa*p[2],z=-sa*p[0]+ca*p[2],y=cb*p[1]-sb*z,w=sb*p[1]+cb*z;",
      "    return [W/2+R*x,H/2-R*y,w,i];}).filter(q=>isFinite(q[0])&&isFinite(q[1]));",
      "  S.sort((u,v)=>u[2]-v[2]);for(const q of S){g.globalAlpha=0.55+0.4*(q[2]+1)/2;",
      "    g.fillStyle=colour(P[q[3]]);g.beginPath();g.arc(q[0],q[1],Math.max(1,3+1.5*q[2]),0,7);g.fill();}",
      "  g.globalAlpha=1;c.setAttribute('data-points-drawn',String(S.length));}",
      "c.onmousedown=e=>{d=[e.clientX,e.clientY];tip.style.display='none';};",
      "addEventListener('mouseup',()=>d=null);",
      "addEventListener('mousemove',e=>{if(!d)return;a+=(e.clientX-d[0])/150;b+=(e.clientY-d[1])/150;",
      "  d=[e.clientX,e.clientY];draw();});",
      "c.addEventListener('mousemove',e=>{if(d)return;const r=c.getBoundingClientRect(),",
      "  mx=e.clientX-r.left,my=e.clientY-r.top;let best=null,bd=64;",
      "  for(const q of S){const dd=(q[0]-mx)**2+(q[1]-my)**2;if(dd<=bd){bd=dd;best=q;}}",
      "  if(!best){tip.style.display='none';return;}const p=P[best[3]],l=L[best[3]].split('\\u0001');",
      "  tip.textContent='key '+l[0]+(l.length>1?' \\u00b7 '+COLOR_BY+' '+l[1]:'')"
          + "+' \\u00b7 anomaly score '+p[3].toFixed(2);",
      "  tip.style.left=(best[0]+12)+'px';tip.style.top=(best[1]+12)+'px';tip.style.display='block';});",
      "c.addEventListener('mouseleave',()=>tip.style.display='none');",
      "draw();document.body.setAttribute('data-report-ready','true');",
      "");

  private static boolean isNumeric(List<SpaceFacts.Point> points) {
    boolean any = false;
    for (SpaceFacts.Point p : points) {
      if (p.color() != null && !(p.color() instanceof Double)) {
        return false;
      }
      any |= p.color() != null;
    }
    return any && countDistinct(points) > MAX_CATEGORIES;
  }

  private static long countDistinct(List<SpaceFacts.Point> points) {
    return points.stream().map(p -> label(p.color())).distinct().count();
  }

  private static double value(SpaceFacts.Point p) {
    return p.color() instanceof Double d ? d : Double.NaN;
  }

  private static String label(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return value instanceof Double d ? HtmlReport.number(d) : value.toString();
  }

  /** A number for the legend: whole when large, three significant digits otherwise. */
  private static String legendNumber(double v) {
    return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  /** A JavaScript string literal that is also safe inside a {@code <script>} element. */
  static String jsString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        default -> {
          if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
