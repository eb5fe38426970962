package io.rowspace.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a user sees in SPACE_COLUMNS for typical columns. */
class ColumnProfilerTest {

  private static Map<String, ColumnProfile> profileOf(Frame frame, Map<String, String> forced) {
    Map<String, ColumnProfile> byName = new java.util.LinkedHashMap<>();
    for (ColumnProfile p : ColumnProfiler.profile(frame, forced)) {
      byName.put(p.name(), p);
    }
    return byName;
  }

  private static Frame sample() {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("ID", Types.INTEGER, "INTEGER"),
        new ColumnSchema("CONST", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("EMPTY", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("GRADE", Types.INTEGER, "INTEGER"),
        new ColumnSchema("ACTIVE", Types.BOOLEAN, "BOOLEAN"),
        new ColumnSchema("AGE", Types.INTEGER, "INTEGER"),
        new ColumnSchema("CITY", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("CODE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("SMOKER", Types.VARCHAR, "VARCHAR"));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Object age = i == 3 ? "thirty" : i % 10 == 0 ? null : (Object) (20 + (i * 7) % 50);
      rows.add(new Object[] {i + 1, "x", null, i % 4, i % 3 == 0, age,
          new String[] {"Oslo", "Lima", "Pune"}[i % 3], "C-" + (i * 7919), i % 2 == 0 ? "yes" : "no"});
    }
    return Frame.ofRows(schema, rows);
  }

  @Test
  void excludesIdentifierConstantAndAllNullColumnsWithReasons() {
    Map<String, ColumnProfile> p = profileOf(sample(), Map.of());
    assertEquals(DetectedType.EXCLUDED, p.get("ID").detectedType());
    assertTrue(p.get("ID").reason().startsWith("identifier"), p.get("ID").reason());
    assertEquals("constant: single value 'x'", p.get("CONST").reason());
    assertEquals("all values are NULL", p.get("EMPTY").reason());
    assertEquals(100, p.get("EMPTY").missing());
    assertTrue(p.get("CODE").reason().startsWith("identifier: near-unique strings"));
    assertFalse(p.get("CODE").used());
  }

  @Test
  void detectsCategoricalIntegersBooleansAndScalars() {
    Map<String, ColumnProfile> p = profileOf(sample(), Map.of());
    assertEquals(DetectedType.CATEGORICAL, p.get("GRADE").detectedType());
    assertEquals("categorical(embedding, 4 values)", p.get("GRADE").encoder());
    assertEquals(DetectedType.BOOLEAN, p.get("ACTIVE").detectedType());
    assertEquals(DetectedType.BOOLEAN, p.get("SMOKER").detectedType());
    assertEquals(DetectedType.CATEGORICAL, p.get("CITY").detectedType());
    ColumnProfile age = p.get("AGE");
    assertEquals(DetectedType.SCALAR, age.detectedType());
    assertTrue(age.used());
    assertNull(age.reason());
    assertEquals(10, age.missing());
    assertEquals(1, age.unparseable(), "'thirty' in a numeric column is counted as unparseable");
  }

  @Test
  void forcedExclusionsWin() {
    Map<String, ColumnProfile> p = profileOf(sample(), Map.of("CITY", "excluded by EXCLUDE COLUMNS"));
    assertEquals("excluded by EXCLUDE COLUMNS", p.get("CITY").reason());
    assertFalse(p.get("CITY").used());
  }

  @Test
  void canonicalKeysAgreeAcrossJavaTypesAndSqlText() {
    assertEquals("1", ValueParser.key(1, ValueKind.NUMBER));
    assertEquals("1", ValueParser.key("1", ValueKind.NUMBER));
    assertEquals("1", ValueParser.key(new BigDecimal("1.0"), ValueKind.NUMBER));
    assertEquals("1", ValueParser.key("1.0E0", ValueKind.NUMBER));
    assertEquals("1.5", ValueParser.key(1.5d, ValueKind.NUMBER));
    assertEquals("true", ValueParser.key("TRUE", ValueKind.BOOLEAN));
    assertEquals("false", ValueParser.key(Boolean.FALSE, ValueKind.BOOLEAN));
    assertNull(ValueParser.key("thirty", ValueKind.NUMBER));
    assertEquals(18262.0, ValueParser.number("2020-01-01", ValueKind.TEMPORAL));
  }
}
