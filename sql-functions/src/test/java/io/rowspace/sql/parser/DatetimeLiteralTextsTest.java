package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

/**
 * Timestamp and time literals the databases read and Calcite does not (no seconds, no time,
 * ISO's {@code T}) are completed to the same value in a form Calcite reads; others stay.
 */
class DatetimeLiteralTextsTest {

  @Test
  void textsTheDatabasesReadAreCompleted() throws SqlParseException {
    assertEquals("SELECT TIMESTAMP '2024-01-01 10:00:00', TIME '10:00:00', "
        + "TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 10:00:05.25'",
        unparsed("SELECT TIMESTAMP '2024-01-01 10:00', TIME '10:00', TIMESTAMP '2024-01-01', "
            + "TIMESTAMP '2024-01-01T10:00:05.25'"));
  }

  @Test
  void completeOrZonedTextsStayAsWritten() throws SqlParseException {
    String sql = "SELECT TIMESTAMP '2024-01-01 10:00:00', TIME '10:00:00.5', "
        + "TIMESTAMP '2024-01-01 10:00:00+02'";
    assertEquals(sql, unparsed(sql));
  }

  @Test
  void literalsInsideQueriesAndListsAreCompletedToo() throws SqlParseException {
    assertEquals("SELECT *\nFROM \"t\"\nWHERE \"seen\" IN (TIMESTAMP '2024-01-01 10:00:00')"
        + " AND \"seen\" > (SELECT MIN(TIMESTAMP '2024-02-01 00:00:00')\nFROM \"u\")",
        unparsed("SELECT * FROM t WHERE seen IN (TIMESTAMP '2024-01-01 10:00') "
            + "AND seen > (SELECT MIN(TIMESTAMP '2024-02-01') FROM u)"));
  }

  private static String unparsed(String sql) throws SqlParseException {
    SqlNode statement = RowspaceSqlParser.parse(sql, Casing.TO_LOWER);
    return statement.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
  }
}
