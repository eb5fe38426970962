package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

/** A malformed statement fails with the line and column of the first token that is wrong. */
class SyntaxErrorPositionTest {

  private static SqlParseException failure(String sql) {
    return assertThrows(SqlParseException.class,
        () -> RowspaceSqlParser.parse(sql, Casing.TO_UPPER));
  }

  @Test
  void missingRootTable() {
    final SqlParseException e = failure("CREATE EMBEDDING SPACE s ON");
    final SqlParserPos pos = e.getPos();
    assertEquals(1, pos.getLineNum());
    assertEquals(27, pos.getColumnNum());
    assertTrue(e.getMessage().contains("<EOF>"), e.getMessage());
  }

  @Test
  void missingTarget() {
    final SqlParseException e = failure("CREATE PREDICTOR p ON s");
    assertEquals(1, e.getPos().getLineNum());
    assertEquals(23, e.getPos().getColumnNum());
    assertTrue(e.getExpectedTokenNames().contains("\"TARGET\""),
        e.getExpectedTokenNames().toString());
  }

  @Test
  void wrongTokenOnALaterLine() {
    final SqlParseException e = failure("CREATE PREDICTOR p\n  ON s\n  WITH (epochs = 3)");
    assertEquals(3, e.getPos().getLineNum());
    assertEquals(3, e.getPos().getColumnNum());
  }

  @Test
  void optionWithoutValue() {
    final SqlParseException e = failure("CREATE EMBEDDING SPACE s ON t WITH (epochs = )");
    assertEquals(1, e.getPos().getLineNum());
    assertEquals(46, e.getPos().getColumnNum());
  }

  @Test
  void emptyIncludeList() {
    final SqlParseException e = failure("CREATE EMBEDDING SPACE s ON t INCLUDE ()");
    assertEquals(40, e.getPos().getColumnNum());
  }

  @Test
  void cancelJobNeedsAString() {
    final SqlParseException e = failure("CANCEL JOB 42");
    assertEquals(12, e.getPos().getColumnNum());
  }
}
