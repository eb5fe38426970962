package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.DetectedType;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The input columns as a predictor's boosted trees read them, one number per column: numbers,
 * dates (days since 1970) and booleans as their values; categories as their rank by a statistic
 * of the fitting rows (the share of the positive class for binary targets, the mean target for
 * regression, the frequency for multiclass), so one split can separate the categories that
 * matter; free text, emails and URLs are left to the space. Then, per related table of the
 * root, the summaries its reader computes over all of a row's related rows (count, emptiness,
 * mean, maximum, minimum and spread of numeric columns, shares of frequent values, distinct
 * values, days since the latest and earliest row, rows per day, a parent's values, and the same
 * one hop further rolled up): the aggregates one would write by hand. Missing, unreadable, unseen
 * and masked values (a masked related table, or one whose
 * rows are absent) are {@code NaN}, which the trees send down the side they learned for them.
 */
public final class TreeInputs {
  /** Prior weight (in rows) that pulls a rare category's statistic toward the overall one. */
  private static final double SMOOTHING = 10;

  private final List<String> columns;
  private final List<ValueKind> kinds;
  /** Per column, the rank of each category; empty for numeric columns. */
  private final List<Map<String, Float>> ranks;
  /** Related child tables whose summaries follow the columns, with their widths. */
  private final List<String> relations;
  private final List<Integer> summaryWidths;
  /** Per related table, the names of its summaries; empty for predictors saved before them. */
  private final List<List<String>> summaryNames;

  private TreeInputs(List<String> columns, List<ValueKind> kinds,
      List<Map<String, Float>> ranks, List<String> relations, List<Integer> summaryWidths,
      List<List<String>> summaryNames) {
    this.columns = List.copyOf(columns);
    this.kinds = List.copyOf(kinds);
    this.ranks = List.copyOf(ranks);
    this.relations = List.copyOf(relations);
    this.summaryWidths = List.copyOf(summaryWidths);
    this.summaryNames = summaryNames.stream().map(List::copyOf).toList();
  }

  /**
   * Chooses and codes the columns trees can read.
   *
   * @param profiles the space's column profiles
   * @param related the space's relations; its child tables' summaries are read
   * @param inputs the predictor's input columns (the target is not among them)
   * @param data the training rows
   * @param fit the rows the statistics of categories are taken from
   * @param statistic per row of {@code data}: 1/0 for the positive class, the standardised
   *     value, or {@code NaN} to rank categories by frequency
   */
  public static TreeInputs fit(List<ColumnProfile> profiles, List<Relation> related, List<String> inputs,
      Frame data, int[] fit, float[] statistic) {
    List<String> columns = new ArrayList<>();
    List<ValueKind> kinds = new ArrayList<>();
    List<Map<String, Float>> ranks = new ArrayList<>();
    for (ColumnProfile profile : profiles) {
      if (!inputs.contains(profile.name()) || !profile.used()) {
        continue;
      }
      ValueKind kind = profile.valueKind();
      DetectedType type = profile.detectedType();
      boolean numeric = kind == ValueKind.NUMBER || kind == ValueKind.TEMPORAL
          || kind == ValueKind.BOOLEAN;
      boolean category = kind == ValueKind.TEXT && type == DetectedType.CATEGORICAL;
      int c = data.indexOf(profile.name());
      if (c < 0 || !(numeric || category)) {
        continue;
      }
      columns.add(profile.name());
      kinds.add(kind);
      ranks.add(numeric ? Map.of() : rank(data, c, kind, fit, statistic));
    }
    List<String> relations = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    List<List<String>> names = new ArrayList<>();
    for (Relation relation : related) {
      if (relation.summaryWidth() > 0) {
        relations.add(relation.name());
        widths.add(relation.summaryWidth());
        names.add(relation.summaryNames());
      }
    }
    return new TreeInputs(columns, kinds, ranks, relations, widths, names);
  }

  private static Map<String, Float> rank(Frame data, int column, ValueKind kind, int[] fit,
      float[] statistic) {
    boolean byFrequency = Float.isNaN(statistic[fit[0]]);
    double overall = 0;
    if (!byFrequency) {
      for (int r : fit) {
        overall += statistic[r];
      }
      overall /= fit.length;
    }
    Map<String, double[]> sums = new TreeMap<>();
    for (int r : fit) {
      Object v = data.value(r, column);
      if (ValueParser.isMissing(v, kind)) {
        continue;
      }
      String key = ValueParser.key(v, kind);
      if (key != null) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += byFrequency ? 0 : statistic[r];
        s[1]++;
      }
    }
    List<String> keys = new ArrayList<>(sums.keySet());
    Map<String, Double> score = new HashMap<>();
    for (String key : keys) {
      double[] s = sums.get(key);
      score.put(key, byFrequency ? s[1] : (s[0] + SMOOTHING * overall) / (s[1] + SMOOTHING));
    }
    // Ties keep the keys' own (sorted) order, so the ranks do not depend on hashing.
    keys.sort((a, b) -> Double.compare(score.get(a), score.get(b)));
    Map<String, Float> ranks = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      ranks.put(keys.get(i), (float) i);
    }
    return ranks;
  }

  /** Values per row: one per column, then the related tables' summaries. */
  public int width() {
    int w = columns.size();
    for (int s : summaryWidths) {
      w += s;
    }
    return w;
  }

  /**
   * What the trees read, for people: the columns, then {@code TABLE.*(n)} per related table
   * (its n summaries).
   */
  public List<String> names() {
    List<String> names = new ArrayList<>(columns);
    for (int r = 0; r < relations.size(); r++) {
      names.add(relations.get(r) + ".*(" + summaryWidths.get(r) + ")");
    }
    return names;
  }

  /**
   * Every value the trees and the linear model read, one name each: the columns, then each
   * related table's summaries ({@code ORDERS.count}, {@code ORDERS.RETURNED=yes.share},
   * {@code ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share}); {@code TABLE.#k} for predictors saved
   * before summaries had names.
   */
  List<String> valueNames() {
    List<String> names = new ArrayList<>(columns);
    for (int r = 0; r < relations.size(); r++) {
      List<String> named = r < summaryNames.size() ? summaryNames.get(r) : List.of();
      for (int k = 0; k < summaryWidths.get(r); k++) {
        names.add(k < named.size() ? named.get(k) : relations.get(r) + ".#" + k);
      }
    }
    return names;
  }

  /** Where the related tables' summaries start among the values of a row. */
  int firstSummaryValue() {
    return columns.size();
  }

  /**
   * The names of the related tables' summaries, in value order from {@link #firstSummaryValue};
   * empty when this predictor's format has no names for them (before 8).
   */
  List<String> summaryValueNames() {
    if (summaryNames.size() != relations.size()) {
      return List.of();
    }
    List<String> names = valueNames();
    return names.subList(columns.size(), names.size());
  }

  /**
   * The values of rows, row-major {@code rows x width()}; columns absent from the frame or masked
   * are {@code NaN}.
   */
  public float[] values(Frame frame, Set<String> masked) {
    int n = frame.rowCount();
    int w = width();
    float[] out = new float[n * w];
    Arrays.fill(out, Float.NaN);
    for (int j = 0; j < columns.size(); j++) {
      int c = frame.indexOf(columns.get(j));
      if (c < 0 || masked.contains(columns.get(j))) {
        continue;
      }
      ValueKind kind = kinds.get(j);
      Map<String, Float> rank = ranks.get(j);
      for (int i = 0; i < n; i++) {
        Object v = frame.value(i, c);
        if (ValueParser.isMissing(v, kind)) {
          continue;
        }
        if (kind != ValueKind.TEXT) {
          out[i * w + j] = (float) ValueParser.number(v, kind);
        } else {
          String key = ValueParser.key(v, kind);
          Float r = key == null ? null : rank.get(key);
          if (r != null) {
            out[i * w + j] = r;
          }
        }
      }
    }
    int at = columns.size();
    for (int r = 0; r < relations.size(); r++) {
      int width = summaryWidths.get(r);
      RelatedRows rows = masked.contains(relations.get(r)) ? null : related(frame, r);
      if (rows != null) {
        for (int i = 0; i < n; i++) {
          double[] summary = rows.summary(i);
          for (int k = 0; k < width && k < summary.length; k++) {
            out[i * w + at + k] = (float) summary[k];
          }
        }
      }
      at += width;
    }
    return out;
  }

  private RelatedRows related(Frame frame, int relation) {
    for (RelatedRows rows : frame.related()) {
      if (rows.relation().name().equals(relations.get(relation))
          && rows.holderCount() == frame.rowCount()) {
        return rows;
      }
    }
    return null;
  }

  /** The same inputs under the columns', related tables' and summaries' new names. */
  TreeInputs renamed(UnaryOperator<String> names) {
    return new TreeInputs(columns.stream().map(names).toList(), kinds, ranks,
        relations.stream().map(names).toList(), summaryWidths,
        summaryNames.stream().map(list -> list.stream().map(names).toList()).toList());
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(columns.size());
    for (int j = 0; j < columns.size(); j++) {
      ModelFile.writeText(out, columns.get(j));
      ModelFile.writeText(out, kinds.get(j).name());
      Map<String, Float> rank = new TreeMap<>(ranks.get(j));
      out.writeInt(rank.size());
      for (Map.Entry<String, Float> e : rank.entrySet()) {
        ModelFile.writeText(out, e.getKey());
        out.writeFloat(e.getValue());
      }
    }
    out.writeInt(relations.size());
    for (int r = 0; r < relations.size(); r++) {
      ModelFile.writeText(out, relations.get(r));
      out.writeInt(summaryWidths.get(r));
    }
    for (int r = 0; r < relations.size(); r++) {
      List<String> names = r < summaryNames.size() ? summaryNames.get(r) : List.of();
      out.writeInt(names.size());
      for (String name : names) {
        ModelFile.writeText(out, name);
      }
    }
  }

  /**
   * Reads inputs written by {@link #write}; {@code named} when the predictor's format holds the
   * summaries' names (8 and later).
   */
  static TreeInputs read(DataInput in, boolean named) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000) {
      throw new IOException(n + " tree input columns");
    }
    List<String> columns = new ArrayList<>();
    List<ValueKind> kinds = new ArrayList<>();
    List<Map<String, Float>> ranks = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      columns.add(ModelFile.readText(in));
      try {
        kinds.add(ValueKind.valueOf(ModelFile.readText(in)));
      } catch (IllegalArgumentException e) {
        throw new IOException("an unknown value kind", e);
      }
      int m = in.readInt();
      if (m < 0) {
        throw new IOException(m + " categories");
      }
      Map<String, Float> rank = new HashMap<>();
      for (int i = 0; i < m; i++) {
        rank.put(ModelFile.readText(in), in.readFloat());
      }
      ranks.add(rank);
    }
    int m = in.readInt();
    if (m < 0 || m > 10_000) {
      throw new IOException(m + " related tables");
    }
    List<String> relations = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    for (int r = 0; r < m; r++) {
      relations.add(ModelFile.readText(in));
      int width = in.readInt();
      if (width < 0 || width > 1_000_000) {
        throw new IOException("a summary of width " + width);
      }
      widths.add(width);
    }
    List<List<String>> names = new ArrayList<>();
    for (int r = 0; named && r < m; r++) {
      int k = in.readInt();
      if (k < 0 || k > widths.get(r)) {
        throw new IOException(k + " summary names for " + widths.get(r) + " summaries");
      }
      List<String> list = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        list.add(ModelFile.readText(in));
      }
      names.add(list);
    }
    return new TreeInputs(columns, kinds, ranks, relations, widths, names);
  }
}
