package io.rowspace.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * A related table in a training plan: how it joins the table it hangs from (its holder: the root,
 * or another related table for the second hop), and what is read from it.
 *
 * @param name the token name, unique among siblings: the table name, or {@code TABLE VIA COLUMN}
 * @param table the related table
 * @param kind child (its rows reference the holder) or parent (the holder references it)
 * @param label {@code 1:N} for a child, {@code N:1} for a parent, {@code N:M} for a bridge table
 * @param holder the table this one hangs from
 * @param holderColumns the holder's join columns
 * @param tableColumns the related table's join columns, in the same order
 * @param foreignKey the key the join follows, declared or named with {@code VIA}
 * @param readColumns the columns read from the related table (join columns included)
 * @param summaryColumns numeric columns summarised over all related rows of a holder row
 * @param shares categorical values whose share among all related rows of a holder row is
 *     summarised (children only)
 * @param nested relations one hop further from this table
 * @param summaries further summaries per holder row, after the count, means, maxima and shares
 */
public record PlannedRelation(String name, TableInfo table, Kind kind, String label,
    TableInfo holder, List<String> holderColumns, List<String> tableColumns,
    ForeignKey foreignKey, List<ColumnInfo> readColumns, List<String> summaryColumns,
    List<ValueShare> shares, List<PlannedRelation> nested, List<Summary> summaries) {

  /** A value of a categorical column of a child table, summarised by its share per holder row. */
  public record ValueShare(String column, String value) {}

  /**
   * A further summary of a column: for a child {@code min}, {@code std} (numbers),
   * {@code distinct} (text), {@code days_since_latest}, {@code days_since_earliest},
   * {@code per_day} (dates and times); for a parent {@code value} (numbers), {@code days_since}
   * (dates and times), {@code is} (a frequent category {@code value}).
   *
   * @param kind what is computed
   * @param column the related table's column
   * @param value the category of {@code is}, else empty
   * @param reference the reference time of the time kinds (ms since 1970 UTC), else 0
   */
  public record Summary(String kind, String column, String value, long reference) {

    /** How EXPLAIN shows it: {@code AMOUNT.min}, {@code CATEGORY=premium}. */
    public String label() {
      return kind.equals("is") ? column + "=" + value
          : kind.equals("value") ? column : column + "." + kind;
    }
  }

  /** A planned relation with the first summaries only. */
  public PlannedRelation(String name, TableInfo table, Kind kind, String label,
      TableInfo holder, List<String> holderColumns, List<String> tableColumns,
      ForeignKey foreignKey, List<ColumnInfo> readColumns, List<String> summaryColumns,
      List<ValueShare> shares, List<PlannedRelation> nested) {
    this(name, table, kind, label, holder, holderColumns, tableColumns, foreignKey, readColumns,
        summaryColumns, shares, nested, List.of());
  }

  /** Direction of a relation, seen from its holder. */
  public enum Kind {
    /** Related rows reference the holder row (1:N). */
    CHILD,
    /** The holder row references one related row (N:1). */
    PARENT
  }

  public PlannedRelation {
    holderColumns = List.copyOf(holderColumns);
    tableColumns = List.copyOf(tableColumns);
    readColumns = List.copyOf(readColumns);
    summaryColumns = List.copyOf(summaryColumns);
    shares = List.copyOf(shares);
    nested = List.copyOf(nested);
    summaries = List.copyOf(summaries);
  }

  /** The parent table of the relationship (the referenced one) and the child (referencing). */
  public String parentTable() {
    return kind == Kind.CHILD ? holder.name() : table.name();
  }

  public String childTable() {
    return kind == Kind.CHILD ? table.name() : holder.name();
  }

  /** {@code CHILD.FK = PARENT.KEY}, for messages and the catalog. */
  public String joinText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < holderColumns.size(); i++) {
      if (i > 0) {
        text.append(" AND ");
      }
      text.append(table.name()).append('.').append(tableColumns.get(i)).append(" = ")
          .append(holder.name()).append('.').append(holderColumns.get(i));
    }
    return text.toString();
  }

  /** This relation and every nested one, depth first. */
  public List<PlannedRelation> flatten() {
    List<PlannedRelation> all = new ArrayList<>();
    all.add(this);
    for (PlannedRelation n : nested) {
      all.addAll(n.flatten());
    }
    return all;
  }
}
