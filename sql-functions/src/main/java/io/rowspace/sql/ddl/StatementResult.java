package io.rowspace.sql.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What a Rowspace statement returns: an update count, or a result set (SHOW, DESCRIBE, EXPLAIN). */
public record StatementResult(long updateCount, ResultSet resultSet) {

  public static StatementResult count(long rows) {
    return new StatementResult(rows, null);
  }

  public static StatementResult rows(ResultSet resultSet) {
    return new StatementResult(-1, resultSet);
  }

  /**
   * The rows of a query of the catalog tables, run on the user's connection with string
   * arguments; the statement closes with its result set.
   */
  static StatementResult query(Connection connection, String sql, String... arguments)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < arguments.length; i++) {
        statement.setString(i + 1, arguments[i]);
      }
      statement.closeOnCompletion();
      return rows(statement.executeQuery());
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
