package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's interval literals without a qualifier ({@code INTERVAL '1 day'}) are read with
 * the value PostgreSQL gives them, go back to the database as written, and a text that has no
 * standard equal is refused at its position with the fix.
 */
class UnqualifiedIntervalLiteralTest {

  @Test
  void dayTimeTextsHaveTheirMilliseconds() {
    Map<String, Long> millis = new LinkedHashMap<>();
    millis.put("INTERVAL '1 day'", 86_400_000L);
    millis.put("INTERVAL '2 hours 30 minutes'", 9_000_000L);
    millis.put("INTERVAL '1 day 02:30'", 95_400_000L);
    millis.put("INTERVAL '12:00:01.5'", 43_201_500L);
    millis.put("INTERVAL '1.5 hours'", 5_400_000L);
    millis.put("INTERVAL '-3 days'", -259_200_000L);
    millis.put("INTERVAL '1 week ago'", -604_800_000L);
    millis.put("INTERVAL - '2 mins'", -120_000L);
    millis.put("INTERVAL '1 day -1 hour'", 82_800_000L);
    millis.put("INTERVAL '@ 90 secs'", 90_000L);
    millis.put("INTERVAL '0 days'", 0L);
    for (Map.Entry<String, Long> c : millis.entrySet()) {
      // signed, as Calcite's own conversion reads a literal
      assertEquals(c.getValue(), only(c.getKey()).getValueAs(Long.class), c.getKey());
    }
  }

  @Test
  void yearMonthTextsHaveTheirMonths() {
    Map<String, Long> months = new LinkedHashMap<>();
    months.put("INTERVAL '1 year 2 months'", 14L);
    months.put("INTERVAL '3 mons'", 3L);
    months.put("INTERVAL '2 decades ago'", -240L);
    months.put("INTERVAL '1.5 years'", 18L);
    for (Map.Entry<String, Long> c : months.entrySet()) {
      assertEquals(c.getValue(), only(c.getKey()).getValueAs(Long.class), c.getKey());
    }
  }

  @Test
  void theDatabaseGetsTheTextAsWritten() {
    SqlNode query = RoundTrip.parseLowerCase("SELECT seen + INTERVAL '2 hours 30 minutes' AS t, "
        + "seen - INTERVAL - '1 Day' FROM visits WHERE seen > now() - INTERVAL '7 days ago'");
    String unparsed = query.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
    assertTrue(unparsed.contains("INTERVAL '2 hours 30 minutes'"), unparsed);
    assertTrue(unparsed.contains("INTERVAL -'1 Day'"), unparsed);
    assertTrue(unparsed.contains("INTERVAL '7 days ago'"), unparsed);
  }

  @Test
  void aQualifiedLiteralStaysCalcitesOwn() {
    SqlLiteral literal = only("INTERVAL '3' DAY");
    assertFalse(literal instanceof SqlUnqualifiedIntervalLiteral, literal.toString());
    assertEquals(259_200_000L, literal.getValueAs(Long.class));
  }

  @Test
  void aTextWithoutAStandardEqualIsRefusedAtItsPosition() {
    for (String text : List.of("1 month 2 days", "1 fortnight", "", "1 day 02:30 and more")) {
      String sql = "SELECT id,\n  seen + INTERVAL '" + text + "' FROM visits";
      SqlParseException e = assertThrows(SqlParseException.class,
          () -> RowspaceSqlParser.parse(sql, Casing.TO_LOWER), sql);
      assertEquals(2, e.getPos().getLineNum(), text);
      assertEquals(10, e.getPos().getColumnNum(), text);
      assertTrue(e.getMessage().startsWith("INTERVAL '" + text + "' cannot be read")
          && e.getMessage().contains("INTERVAL '3' DAY"), e.getMessage());
    }
  }

  /** The one interval literal of {@code SELECT <expression>}. */
  private static SqlLiteral only(String expression) {
    SqlNode query = RoundTrip.parseLowerCase("SELECT " + expression);
    List<SqlLiteral> literals = new ArrayList<>();
    query.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlLiteral literal) {
        if (literal instanceof SqlIntervalLiteral) {
          literals.add(literal);
        }
        return null;
      }
    });
    assertEquals(1, literals.size(), expression);
    if (!expression.matches(".*' [A-Z]+$")) {
      assertInstanceOf(SqlUnqualifiedIntervalLiteral.class, literals.get(0), expression);
    }
    return literals.get(0);
  }
}
