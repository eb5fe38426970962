package io.rowspace.sql.function;

import io.rowspace.engine.search.Neighbours;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDialect;

/**
 * Reads the current root-table rows of a list of neighbours, by key, in one query, with their
 * columns in the Java form Calcite expects.
 */
final class KeyedRowFetcher {
  private final RowspaceSession session;
  private final TableInfo table;

  KeyedRowFetcher(RowspaceSession session, TableInfo table) {
    this.session = session;
    this.table = table;
  }

  /**
   * The current columns of each neighbour's row, in the neighbours' order; null for a row deleted
   * since the space was built or refreshed.
   */
  List<Object[]> fetch(Neighbours neighbours, RowVectors vectors) throws SQLException {
    if (neighbours.size() == 0) {
      return List.of();
    }
    String keyColumn = table.keyColumns().get(0);
    ColumnInfo keyInfo = table.column(keyColumn).orElseThrow();
    Map<String, Object[]> byKey = new HashMap<>();
    try (Connection connection = session.database().connection();
         PreparedStatement ps = connection.prepareStatement(sql(neighbours.size(), keyColumn))) {
      for (int i = 0; i < neighbours.size(); i++) {
        ps.setObject(i + 1, RowKey.typed(vectors.key(neighbours.row(i)), keyInfo.jdbcType()));
      }
      try (ResultSet rs = ps.executeQuery()) {
        int keyIndex = table.columnNames().indexOf(keyColumn);
        while (rs.next()) {
          Object[] row = new Object[table.columns().size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = CalciteValues.value(rs.getObject(c + 1), table.columns().get(c).jdbcType());
          }
          byKey.put(RowKey.part(rs.getObject(keyIndex + 1)), row);
        }
      }
    }
    List<Object[]> rows = new ArrayList<>(neighbours.size());
    for (int i = 0; i < neighbours.size(); i++) {
      rows.add(byKey.get(vectors.key(neighbours.row(i))));
    }
    return rows;
  }

  private String sql(int keys, String keyColumn) {
    SqlDialect dialect = session.dialect();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int c = 0; c < table.columns().size(); c++) {
      sql.append(c == 0 ? "" : ", ").append(dialect.quoteIdentifier(table.columns().get(c)
          .name()));
    }
    sql.append(" FROM ");
    if (table.schema() != null) {
      sql.append(dialect.quoteIdentifier(table.schema())).append('.');
    }
    sql.append(dialect.quoteIdentifier(table.name())).append(" WHERE ")
        .append(dialect.quoteIdentifier(keyColumn)).append(" IN (");
    for (int i = 0; i < keys; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    return sql.append(')').toString();
  }
}
