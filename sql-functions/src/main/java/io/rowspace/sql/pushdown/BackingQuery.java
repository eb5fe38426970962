package io.rowspace.sql.pushdown;

import io.rowspace.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query in the backing database's own dialect and the columns it returns, as the database
 * describes them when it prepares the query (nothing is run to learn them). {@code parameters}:
 * for each {@code ?} of the text, in order, the index of the statement's parameter whose value
 * it takes.
 */
public record BackingQuery(String sql, List<BackingColumn> columns, List<Integer> parameters) {

  public BackingQuery {
    columns = List.copyOf(columns);
    parameters = List.copyOf(parameters);
  }

  /**
   * Prepares {@code sql} on the backing connection and reads its result columns.
   *
   * @throws SQLException the database's own error if it does not accept the query
   */
  public static BackingQuery describe(Connection backing, String sql, List<Integer> parameters)
      throws SQLException {
    try (PreparedStatement statement = backing.prepareStatement(sql)) {
      ResultSetMetaData meta = statement.getMetaData();
      if (meta == null) {
        throw ErrorCode.BACKING_QUERY_UNDESCRIBED.exception(
            backing.getMetaData().getDatabaseProductName());
      }
      List<BackingColumn> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(BackingColumn.of(meta, i));
      }
      return new BackingQuery(sql, columns, parameters);
    }
  }

  /** The column labels, in order. */
  public List<String> labels() {
    List<String> labels = new ArrayList<>();
    for (BackingColumn column : columns) {
      labels.add(column.label());
    }
    return labels;
  }
}
