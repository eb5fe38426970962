package io.rowspace.multitable;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.error.ErrorCode;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.PlanStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads the rows of one plan step into a column-oriented {@link Frame}, streaming from the
 * backing database with a bounded fetch size.
 */
public final class RowReader {
  private static final int FETCH_SIZE = 2_000;

  private final Connection connection;

  public RowReader(Connection connection) {
    this.connection = connection;
  }

  /**
   * Reads every row a step selects.
   *
   * @param step the step whose SQL to run
   * @param maxRows stop after this many rows (0 for all)
   * @param cancelled checked between fetches; reading stops with an exception when it is true
   */
  public Frame read(PlanStep step, int maxRows, BooleanSupplier cancelled) throws SQLException {
    List<ColumnInfo> columns = step.columns();
    List<ColumnSchema> schema = columns.stream()
        .map(c -> new ColumnSchema(c.name(), c.jdbcType(), c.typeName()))
        .toList();
    List<Object[]> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = statement.executeQuery(step.sql())) {
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
          if (maxRows > 0 && rows.size() >= maxRows) {
            break;
          }
          if (rows.size() % FETCH_SIZE == 0 && cancelled.getAsBoolean()) {
            throw ErrorCode.READ_CANCELLED.exception(step.table());
          }
        }
      }
    }
    return Frame.ofRows(schema, rows);
  }
}
