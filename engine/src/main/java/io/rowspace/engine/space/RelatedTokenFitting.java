package io.rowspace.engine.space;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ColumnProfiler;
import io.rowspace.engine.profile.DetectedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the related tables' part of a space on the rows read for training: per relation (every
 * depth) the profiles of its table's columns, their encoders (join columns and free text left
 * out, each exclusion a warning), and the mean and spread that standardise its summaries.
 */
final class RelatedTokenFitting {
  private static final int MIN_ROWS_TO_LEARN_COLUMNS = 2;

  private RelatedTokenFitting() {
  }

  /**
   * Profiles the related tables and fits their encoders on the rows read for training.
   *
   * @param related one entry per top-level relation
   * @param monitor receives a warning per excluded column
   */
  static RelatedTokens fit(List<RelatedRows> related, TrainingMonitor monitor) {
    int[] ids = {0};
    List<RelatedTokens.Node> top = new ArrayList<>();
    for (RelatedRows r : related) {
      top.add(fitNode(r, ids, monitor));
    }
    return new RelatedTokens(top);
  }

  private static RelatedTokens.Node fitNode(RelatedRows related, int[] ids, TrainingMonitor monitor) {
    Relation relation = related.relation();
    int id = ids[0]++;
    Frame rows = related.rows();
    Map<String, String> forced = new LinkedHashMap<>();
    for (String c : relation.tableColumns()) {
      forced.put(c, "join column of " + relation.name());
    }
    for (Relation n : relation.nested()) {
      for (String c : n.holderColumns()) {
        forced.putIfAbsent(c, "join column of " + n.name());
      }
    }
    List<ColumnProfile> profiles = List.of();
    RowEncoder encoder = null;
    if (rows.rowCount() >= MIN_ROWS_TO_LEARN_COLUMNS) {
      profiles = ColumnProfiler.profile(rows, forced).stream()
          .map(RelatedTokenFitting::withoutSentenceModel).toList();
      List<ColumnEncoder> encoders = new ArrayList<>();
      for (ColumnProfile p : profiles) {
        if (p.used()) {
          encoders.add(ColumnEncoder.fit(p, rows.column(rows.indexOf(p.name()))));
        } else if (!forced.containsKey(p.name())) {
          monitor.warning("Column '" + relation.table() + "." + p.name() + "' excluded: "
              + p.reason());
        }
      }
      encoder = encoders.isEmpty() ? null : new RowEncoder(encoders);
    } else {
      monitor.warning("Related table '" + relation.table() + "' has " + rows.rowCount()
          + " matching rows; only the count of related rows is learned from it.");
    }
    int width = relation.summaryWidth();
    double[] mean = new double[width];
    double[] std = new double[width];
    for (int j = 0; j < width; j++) {
      double sum = 0;
      double squares = 0;
      int n = 0;
      for (int h = 0; h < related.holderCount(); h++) {
        double v = RelatedTokens.summaryFeature(related, h, j);
        if (Double.isFinite(v)) {
          sum += v;
          squares += v * v;
          n++;
        }
      }
      mean[j] = n == 0 ? 0 : sum / n;
      double variance = n == 0 ? 0 : squares / n - mean[j] * mean[j];
      std[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
    }
    List<RelatedTokens.Node> nested = new ArrayList<>();
    for (RelatedRows n : related.nested()) {
      nested.add(fitNode(n, ids, monitor));
    }
    return new RelatedTokens.Node(id, relation, profiles, encoder, mean, std, nested);
  }

  /**
   * A related table's free text is not sent through the sentence model (only the root table's
   * is): such a column is excluded with the reason.
   */
  private static ColumnProfile withoutSentenceModel(ColumnProfile p) {
    return p.used() && p.detectedType() == DetectedType.TEXT
        ? p.excluded("free text (" + p.distinct() + " distinct values): the sentence model "
            + "encodes the root table's text only")
        : p;
  }
}
