package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

/**
 * {@code SELECT DISTINCT ON (keys)}, as PostgreSQL and H2 write it, is read with its keys and
 * goes back to the database as written; DISTINCT and ALL read as before.
 */
class DistinctOnTest {

  @Test
  void distinctOnKeepsItsKeysAndIsWrittenBackAsWritten() {
    SqlSelect select = select("SELECT DISTINCT ON (customer, total % 3) customer, total "
        + "FROM orders ORDER BY customer, total % 3, placed DESC");
    SqlDistinctOn distinctOn = SqlDistinctOn.of(select);
    assertEquals(2, distinctOn.keys().size());
    assertEquals("customer", distinctOn.keys().get(0).toString());
    String written = select.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
    assertTrue(written.startsWith("SELECT DISTINCT ON (\"customer\", \"total\" % 3) \"customer\""),
        written);
  }

  @Test
  void distinctOnsWithOtherKeysDiffer() {
    SqlNode one = RoundTrip.parseLowerCase("SELECT DISTINCT ON (a) a, b FROM t");
    SqlNode other = RoundTrip.parseLowerCase("SELECT DISTINCT ON (b) a, b FROM t");
    assertFalse(one.equalsDeep(other, org.apache.calcite.util.Litmus.IGNORE));
  }

  @Test
  void distinctAndAllReadAsBefore() {
    SqlSelect distinct = select("SELECT DISTINCT a FROM t");
    assertTrue(distinct.isDistinct());
    assertNull(SqlDistinctOn.of(distinct));
    assertFalse(select("SELECT ALL a FROM t").isDistinct());
    assertNull(SqlDistinctOn.of(select("SELECT a FROM t")));
  }

  @Test
  void onlyDistinctTakesKeys() {
    assertThrows(SqlParseException.class,
        () -> RowspaceSqlParser.parse("SELECT ALL ON (a) a FROM t", Casing.TO_LOWER));
  }

  private static SqlSelect select(String sql) {
    SqlNode node = RoundTrip.parseLowerCase(sql);
    return node instanceof SqlOrderBy orderBy ? (SqlSelect) orderBy.query : (SqlSelect) node;
  }
}
