package io.rowspace.multitable;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.RelatedSummary;
import io.rowspace.engine.data.Relation;
import io.rowspace.planner.TimeValues;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes a relation's further summaries ({@link RelatedSummary}) while its rows stream past,
 * in constant memory per holder key: minima, sums of squares, bounded sets of distinct values,
 * the latest and earliest times, a parent row's values. Summaries of nested relations are rolled
 * up afterwards from the nested rows' own summaries.
 */
final class FurtherSummaries {
  /** Distinct values counted per holder key and column; more count as this many. */
  static final int MAX_DISTINCT = 1_000;

  private final Relation relation;
  private final RelatedSummary[] summaries;
  private final int[] columns;

  /**
   * @param relation the relation whose summaries are computed
   * @param schema the columns read from the related table
   */
  FurtherSummaries(Relation relation, List<ColumnSchema> schema) {
    this.relation = relation;
    this.summaries = relation.summaries().toArray(new RelatedSummary[0]);
    this.columns = new int[summaries.length];
    for (int i = 0; i < summaries.length; i++) {
      columns[i] = -1;
      if (summaries[i].kind() != RelatedSummary.Kind.NESTED) {
        for (int c = 0; c < schema.size(); c++) {
          if (schema.get(c).name().equals(summaries[i].column())) {
            columns[i] = c;
          }
        }
        if (columns[i] < 0) {
          throw new IllegalArgumentException("Column " + summaries[i].column() + " is not read.");
        }
      }
    }
  }

  /** The running state of one holder key. */
  final class State {
    final double[] a = new double[summaries.length];
    final double[] b = new double[summaries.length];
    final long[] n = new long[summaries.length];
    final Set<String>[] distinct;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of generic sets
    State() {
      distinct = new Set[summaries.length];
      for (int i = 0; i < summaries.length; i++) {
        // The latest time is kept for the time since the latest row, the earliest for the
        // others.
        a[i] = switch (summaries[i].kind()) {
          case MIN, SINCE_EARLIEST, RATE -> Double.POSITIVE_INFINITY;
          case SINCE_LATEST -> Double.NEGATIVE_INFINITY;
          default -> 0;
        };
        if (summaries[i].kind() == RelatedSummary.Kind.DISTINCT) {
          distinct[i] = new HashSet<>();
        }
      }
    }

    /** Takes one related row into account. */
    void add(Object[] values) {
      for (int i = 0; i < summaries.length; i++) {
        if (columns[i] < 0) {
          continue;
        }
        Object v = values[columns[i]];
        if (v == null) {
          continue;
        }
        RelatedSummary s = summaries[i];
        switch (s.kind()) {
          case MIN, VALUE -> {
            double x = Numbers.of(v);
            if (Double.isFinite(x)) {
              a[i] = s.kind() == RelatedSummary.Kind.MIN ? Math.min(a[i], x) : x;
              n[i]++;
            }
          }
          case STD -> {
            double x = Numbers.of(v);
            if (Double.isFinite(x)) {
              a[i] += x;
              b[i] += x * x;
              n[i]++;
            }
          }
          case DISTINCT -> {
            if (distinct[i].size() < MAX_DISTINCT) {
              distinct[i].add(String.valueOf(v).stripTrailing());
            }
          }
          case IS -> {
            a[i] = String.valueOf(v).stripTrailing().equals(s.value()) ? 1 : 0;
            n[i]++;
          }
          case SINCE_LATEST, SINCE_EARLIEST, RATE, SINCE -> {
            long t = TimeValues.millis(v);
            if (t != TimeValues.NONE) {
              a[i] = s.kind() == RelatedSummary.Kind.SINCE_LATEST ? Math.max(a[i], t)
                  : s.kind() == RelatedSummary.Kind.SINCE ? t : Math.min(a[i], t);
              n[i]++;
            }
          }
          default -> { }
        }
      }
    }

    /** Writes the summaries (NaN where no row had a value) into {@code out} from its offset. */
    void finish(long count, double[] out) {
      int first = relation.firstSummaryWidth();
      for (int i = 0; i < summaries.length; i++) {
        RelatedSummary s = summaries[i];
        double day = RelatedSummary.DAY_MILLIS;
        out[first + i] = switch (s.kind()) {
          case DISTINCT -> distinct[i].size();
          case MIN, VALUE, IS -> n[i] == 0 ? Double.NaN : a[i];
          case STD -> {
            if (n[i] == 0) {
              yield Double.NaN;
            }
            double mean = a[i] / n[i];
            yield Math.sqrt(Math.max(0, b[i] / n[i] - mean * mean));
          }
          case SINCE_LATEST, SINCE_EARLIEST, SINCE ->
              n[i] == 0 ? Double.NaN : (s.reference() - a[i]) / day;
          // Rows per day from the earliest one to the reference time (at least a day).
          case RATE -> n[i] == 0 ? Double.NaN
              : count / Math.max(1, (s.reference() - a[i]) / day);
          case NESTED -> Double.NaN;
        };
      }
    }
  }

  State newState() {
    return new State();
  }

  /**
   * Rolls nested relations' summaries up to each holder row: for a child, the mean over its kept
   * rows (a nested child's summaries weighted by its count, but its count itself plainly); for a
   * parent, the nested summary of its row.
   *
   * @param summaries per holder row, its summaries, filled in place
   * @param members per holder row, its kept related rows
   * @param nested the nested relations' rows, whose holders are the kept rows
   */
  void rollUp(double[][] summaries, int[][] members, List<RelatedRows> nested) {
    int first = relation.firstSummaryWidth();
    for (int i = 0; i < this.summaries.length; i++) {
      RelatedSummary s = this.summaries[i];
      if (s.kind() != RelatedSummary.Kind.NESTED) {
        continue;
      }
      RelatedRows rows = nested.get(s.nested());
      boolean nestedChild = rows.relation().kind() == Relation.Kind.CHILD;
      for (int h = 0; h < summaries.length; h++) {
        if (members[h].length == 0) {
          continue;
        }
        double sum = 0;
        double weights = 0;
        for (int m : members[h]) {
          double[] own = rows.summary(m);
          double v = s.source() < own.length ? own[s.source()] : Double.NaN;
          double w = nestedChild && s.source() > 0 ? rows.count(m) : 1;
          if (Double.isFinite(v) && w > 0) {
            sum += w * v;
            weights += w;
          }
        }
        summaries[h][first + i] = weights == 0 ? Double.NaN : sum / weights;
      }
    }
  }

  /** Numbers as the reader summarises them: booleans as 1/0, text parsed when it is a number. */
  static final class Numbers {
    private Numbers() {}

    static double of(Object value) {
      if (value instanceof Number n) {
        return n.doubleValue();
      }
      if (value instanceof Boolean b) {
        return b ? 1 : 0;
      }
      if (value == null) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(value.toString().strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }
}
