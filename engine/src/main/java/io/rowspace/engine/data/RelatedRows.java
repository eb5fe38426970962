package io.rowspace.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one {@link Relation} that belong to a list of holder rows, as read for training or
 * for a batch of queried rows.
 *
 * <p>A child relation keeps at most a bounded sample of rows per holder row (the same ones
 * whatever the order they were read in), so memory does not grow with fan-out; the count and the
 * summaries cover every matching row. A parent relation has at most one row per holder row, shared
 * by all holder rows that reference it.
 */
public final class RelatedRows {
  private final Relation relation;
  private final Frame rows;
  private final int[][] members;
  private final long[] counts;
  private final double[][] summaries;
  private final List<RelatedRows> nested;

  /**
   * @param relation how the rows relate to their holders
   * @param rows the related rows kept
   * @param members per holder row, the indexes of its related rows in {@code rows}
   * @param counts per holder row, how many related rows match in all (kept or not)
   * @param summaries per holder row, {@link Relation#summaryWidth()} values (children only)
   * @param nested one entry per nested relation, whose holder rows are {@code rows}
   */
  public RelatedRows(Relation relation, Frame rows, int[][] members, long[] counts,
      double[][] summaries, List<RelatedRows> nested) {
    if (members.length != counts.length || members.length != summaries.length) {
      throw new IllegalArgumentException("Related rows of '" + relation.name() + "' need one "
          + "entry per holder row.");
    }
    if (nested.size() != relation.nested().size()) {
      throw new IllegalArgumentException("Related rows of '" + relation.name() + "' need rows "
          + "for each of its " + relation.nested().size() + " nested relations.");
    }
    for (RelatedRows n : nested) {
      if (n.holderCount() != rows.rowCount()) {
        throw new IllegalArgumentException("Nested rows of '" + n.relation.name() + "' do not "
            + "match the rows of '" + relation.name() + "'.");
      }
    }
    this.relation = relation;
    this.rows = rows;
    this.members = members;
    this.counts = counts;
    this.summaries = summaries;
    this.nested = List.copyOf(nested);
  }

  /** Rows of a relation for holders that have none (e.g. a row given by values). */
  public static RelatedRows none(Relation relation, int holders) {
    List<RelatedRows> nested = new ArrayList<>();
    for (Relation r : relation.nested()) {
      nested.add(none(r, 0));
    }
    int[][] members = new int[holders][0];
    double[][] summaries = new double[holders][];
    for (int i = 0; i < holders; i++) {
      summaries[i] = emptySummary(relation);
    }
    return new RelatedRows(relation, Frame.ofRows(List.of(), List.of()), members,
        new long[holders], summaries, nested);
  }

  /** The summary of a holder row without related rows: count 0, empty, no values. */
  public static double[] emptySummary(Relation relation) {
    double[] s = new double[relation.summaryWidth()];
    Arrays.fill(s, Double.NaN);
    if (relation.kind() == Relation.Kind.CHILD) {
      s[0] = 0;
      s[1] = 1;
    }
    // Without related rows there are none per day and no distinct values.
    int first = relation.firstSummaryWidth();
    for (int i = 0; i < relation.summaries().size(); i++) {
      RelatedSummary.Kind kind = relation.summaries().get(i).kind();
      if (relation.kind() == Relation.Kind.CHILD
          && (kind == RelatedSummary.Kind.RATE || kind == RelatedSummary.Kind.DISTINCT)) {
        s[first + i] = 0;
      }
    }
    return s;
  }

  public Relation relation() {
    return relation;
  }

  public Frame rows() {
    return rows;
  }

  public int holderCount() {
    return members.length;
  }

  /** Indexes into {@link #rows()} of the related rows of one holder row. */
  public int[] members(int holder) {
    return members[holder];
  }

  public long count(int holder) {
    return counts[holder];
  }

  public double[] summary(int holder) {
    return summaries[holder];
  }

  public List<RelatedRows> nested() {
    return nested;
  }

  /** The related rows of the given holder rows, in that order, keeping only rows they use. */
  public RelatedRows select(int[] holders) {
    int[] remap = new int[rows.rowCount()];
    Arrays.fill(remap, -1);
    int[] kept = new int[rows.rowCount()];
    int used = 0;
    int[][] newMembers = new int[holders.length][];
    long[] newCounts = new long[holders.length];
    double[][] newSummaries = new double[holders.length][];
    for (int i = 0; i < holders.length; i++) {
      int[] m = members[holders[i]];
      int[] mapped = new int[m.length];
      for (int j = 0; j < m.length; j++) {
        if (remap[m[j]] < 0) {
          remap[m[j]] = used;
          kept[used++] = m[j];
        }
        mapped[j] = remap[m[j]];
      }
      newMembers[i] = mapped;
      newCounts[i] = counts[holders[i]];
      newSummaries[i] = summaries[holders[i]];
    }
    int[] keptRows = Arrays.copyOf(kept, used);
    List<RelatedRows> newNested = new ArrayList<>(nested.size());
    for (RelatedRows n : nested) {
      newNested.add(n.select(keptRows));
    }
    return new RelatedRows(relation, rows.rows(keptRows), newMembers, newCounts, newSummaries,
        newNested);
  }
}
