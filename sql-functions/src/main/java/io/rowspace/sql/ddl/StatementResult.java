package io.rowspace.sql.ddl;

import java.sql.ResultSet;

/** What a Rowspace statement returns: an update count, or a result set (SHOW, DESCRIBE, EXPLAIN). */
public record StatementResult(long updateCount, ResultSet resultSet) {

  public static StatementResult count(long rows) {
    return new StatementResult(rows, null);
  }

  public static StatementResult rows(ResultSet resultSet) {
    return new StatementResult(-1, resultSet);
  }
}
