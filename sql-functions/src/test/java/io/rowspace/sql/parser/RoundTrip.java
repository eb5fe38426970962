package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.util.Litmus;

/** Parses SQL and checks that unparsing it and parsing the result again gives an equal tree. */
final class RoundTrip {
  private RoundTrip() {
  }

  /** Parses as over H2 (unquoted names upper-cased) and checks the round trip. */
  static SqlNode parse(String sql) {
    return parse(sql, Casing.TO_UPPER, CalciteSqlDialect.DEFAULT);
  }

  /** Parses as over PostgreSQL (unquoted names lower-cased) and checks the round trip. */
  static SqlNode parseLowerCase(String sql) {
    return parse(sql, Casing.TO_LOWER, PostgresqlSqlDialect.DEFAULT);
  }

  private static SqlNode parse(String sql, Casing casing, SqlDialect dialect) {
    final SqlNode node = parseOrFail(sql, casing);
    final String unparsed = node.toSqlString(dialect).getSql();
    final SqlNode reparsed = parseOrFail(unparsed, casing);
    assertTrue(node.equalsDeep(reparsed, Litmus.IGNORE),
        () -> "re-parsed tree differs\n  original: " + sql + "\n  unparsed: " + unparsed
            + "\n  re-parsed: " + reparsed);
    assertEquals(node.toString(), reparsed.toString());
    assertEquals(unparsed, reparsed.toSqlString(dialect).getSql(), "unparse is not stable");
    return node;
  }

  private static SqlNode parseOrFail(String sql, Casing casing) {
    try {
      return RowspaceSqlParser.parse(sql, casing);
    } catch (SqlParseException e) {
      throw new AssertionError("cannot parse: " + sql + "\n" + e.getMessage(), e);
    }
  }
}
