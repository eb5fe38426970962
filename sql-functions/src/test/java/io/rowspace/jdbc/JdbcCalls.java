package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the tests ask of a JDBC connection again and again, as a user's program would. */
final class JdbcCalls {
  private JdbcCalls() {}

  /** Runs a statement and returns the messages of the warnings it gave, in order. */
  static List<String> executeForWarnings(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      List<String> warnings = new ArrayList<>();
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      return warnings;
    }
  }

  /** The first column of the first row of a query, which must return a row. */
  static Object scalar(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getObject(1);
    }
  }
}
