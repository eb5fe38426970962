package io.rowspace.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows held column by column, as plain JDBC values: {@link Number}s, {@link String}s,
 * {@link Boolean}s, dates and times, or {@code null}. A frame is immutable once built; the arrays
 * handed to the constructor are not copied, so callers must not change them afterwards.
 */
public final class Frame {
  private final List<ColumnSchema> columns;
  private final List<Object[]> values;
  private final int rowCount;
  private final List<RelatedRows> related;

  /**
   * Creates a frame from one value array per column.
   *
   * @param columns the schema, one entry per column
   * @param columnValues one array per column, each with one entry per row
   */
  public Frame(List<ColumnSchema> columns, List<Object[]> columnValues) {
    if (columns.size() != columnValues.size()) {
      throw new IllegalArgumentException(
          "Frame has " + columns.size() + " columns but " + columnValues.size() + " value arrays.");
    }
    int n = columnValues.isEmpty() ? 0 : columnValues.get(0).length;
    for (int c = 0; c < columnValues.size(); c++) {
      if (columnValues.get(c).length != n) {
        throw new IllegalArgumentException(
            "Column '" + columns.get(c).name() + "' has " + columnValues.get(c).length
                + " values, expected " + n + ".");
      }
    }
    this.columns = List.copyOf(columns);
    this.values = Collections.unmodifiableList(new ArrayList<>(columnValues));
    this.rowCount = n;
    this.related = List.of();
  }

  private Frame(Frame base, List<RelatedRows> related) {
    this.columns = base.columns;
    this.values = base.values;
    this.rowCount = base.rowCount;
    this.related = List.copyOf(related);
  }

  /**
   * The same rows with the rows of related tables attached, one entry per relation of a space;
   * every entry holds one holder entry per row of this frame.
   */
  public Frame withRelated(List<RelatedRows> relatedRows) {
    for (RelatedRows r : relatedRows) {
      if (r.holderCount() != rowCount) {
        throw new IllegalArgumentException("Related rows of '" + r.relation().name() + "' are "
            + "for " + r.holderCount() + " rows, the frame has " + rowCount + ".");
      }
    }
    return new Frame(this, relatedRows);
  }

  /** Rows of related tables attached with {@link #withRelated}; empty when there are none. */
  public List<RelatedRows> related() {
    return related;
  }

  /** Creates a frame from row arrays, each holding one value per column. */
  public static Frame ofRows(List<ColumnSchema> columns, List<Object[]> rows) {
    List<Object[]> cols = new ArrayList<>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      cols.add(new Object[rows.size()]);
    }
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(
            "Row " + r + " has " + row.length + " values, expected " + columns.size() + ".");
      }
      for (int c = 0; c < row.length; c++) {
        cols.get(c)[r] = row[c];
      }
    }
    return new Frame(columns, cols);
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.size();
  }

  public List<ColumnSchema> columns() {
    return columns;
  }

  /** Index of the column with exactly this name, or -1 when the frame has no such column. */
  public int indexOf(String name) {
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }

  public Object value(int row, int column) {
    return values.get(column)[row];
  }

  /** The values of one column; the returned array is shared, do not modify it. */
  public Object[] column(int column) {
    return values.get(column);
  }

  /**
   * A new frame with the given rows, in the given order (indices may repeat), with their related
   * rows.
   */
  public Frame rows(int[] rowIndices) {
    List<Object[]> cols = new ArrayList<>(columns.size());
    for (Object[] source : values) {
      Object[] target = new Object[rowIndices.length];
      for (int i = 0; i < rowIndices.length; i++) {
        target[i] = source[rowIndices[i]];
      }
      cols.add(target);
    }
    Frame selected = new Frame(columns, cols);
    if (related.isEmpty()) {
      return selected;
    }
    List<RelatedRows> relatedRows = new ArrayList<>(related.size());
    for (RelatedRows r : related) {
      relatedRows.add(r.select(rowIndices));
    }
    return selected.withRelated(relatedRows);
  }
}
