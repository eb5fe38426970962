package io.rowspace.engine.predictor;

import io.rowspace.engine.store.ModelFile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How much a predictor's quality depends on each of its inputs, over all rows: permutation
 * importance on its validation rows ({@code train.PermutationImportance}), measured when trained
 * and saved with it (predictor format 9).
 *
 * @param metric the validation metric whose drop is measured: {@code auc} (binary),
 *     {@code accuracy} (multiclass) or {@code rmse} (regression, where the drop is its rise)
 * @param baseline the metric on the validation rows as they are
 * @param rows validation rows measured (at most 1,000)
 * @param repeats permutations per input
 * @param entries one per input column, related table and named summary of a related table that
 *     the trees and the linear model read, most important first
 */
public record GlobalImportance(String metric, double baseline, int rows, int repeats,
    List<Entry> entries) {

  /**
   * One input.
   *
   * @param feature the column's name, {@code TABLE.*} for a related table, or the summary's name
   *     ({@code ORDERS.RETURNED=yes.share})
   * @param kind {@code column}, {@code related table} or {@code related summary}
   * @param importance mean drop of the metric when the input's values are shuffled among the rows
   *     (its rise for RMSE): positive when the predictor relies on it
   * @param spread standard deviation of the drop over the repeats
   */
  public record Entry(String feature, String kind, double importance, double spread) {}

  public GlobalImportance {
    entries = List.copyOf(entries);
  }

  /** The same figures under the inputs' new names. */
  GlobalImportance renamed(UnaryOperator<String> names) {
    return new GlobalImportance(metric, baseline, rows, repeats, entries.stream()
        .map(e -> new Entry(names.apply(e.feature()), e.kind(), e.importance(), e.spread()))
        .toList());
  }

  public void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, metric);
    out.writeDouble(baseline);
    out.writeInt(rows);
    out.writeInt(repeats);
    out.writeInt(entries.size());
    for (Entry e : entries) {
      ModelFile.writeText(out, e.feature());
      ModelFile.writeText(out, e.kind());
      out.writeDouble(e.importance());
      out.writeDouble(e.spread());
    }
  }

  public static GlobalImportance read(DataInput in) throws IOException {
    String metric = ModelFile.readText(in);
    double baseline = in.readDouble();
    int rows = in.readInt();
    int repeats = in.readInt();
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("invalid importance count " + n);
    }
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new Entry(ModelFile.readText(in), ModelFile.readText(in), in.readDouble(),
          in.readDouble()));
    }
    return new GlobalImportance(metric, baseline, rows, repeats, entries);
  }
}
