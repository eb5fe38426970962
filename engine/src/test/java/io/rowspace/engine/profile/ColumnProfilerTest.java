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
import java.util.Locale;
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
    assertTrue(p.get("CODE").reason().startsWith("identifier: near-unique strings"),
        p.get("CODE").reason());
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

  /**
   * One table with the columns real exports are full of: a UUID key, a constant, an all-NULL
   * column, dates written as text, email addresses, URLs, ages written as text with "thirty" among
   * them, unique integer keys and hex hashes.
   */
  private static Frame messyExport() {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("TRANSACTION_ID", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("COUNTRY", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("METADATA", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("SIGNED_UP", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("LAST_LOGIN", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("CONTACT", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("HOMEPAGE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("AGE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("ROW_NO", Types.BIGINT, "BIGINT"),
        new ColumnSchema("CHECKSUM", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("PLAN", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("CREATED", Types.TIMESTAMP, "TIMESTAMP"));
    java.util.Random random = new java.util.Random(7);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String[] domains = {"gmail.com", "acme.com", "initech.de", "yahoo.fr"};
      Object age = i == 3 || i == 50 || i == 120 ? "thirty" : String.valueOf(18 + (i * 13) % 60);
      rows.add(new Object[] {
          java.util.UUID.nameUUIDFromBytes(("t" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toString(),
          "United States",
          null,
          java.time.LocalDate.of(2024, 1, 1).plusDays(i * 3L).toString(),
          i % 7 == 0 ? "2024-03-01T10:00:00Z" : i % 2 == 0 ? "2024-03-01 10:" + (10 + i % 50) + ":00"
              : "2024-02-" + (10 + i % 18) + "T0" + (i % 10) + ":30:00",
          "user" + i + "@" + domains[i % 4],
          i % 5 == 0 ? null : "https://www." + domains[i % 4] + "/shop/item" + (i % 9) + "?ref=x",
          age,
          1000L + i,
          String.format(Locale.ROOT, "%032x", new java.math.BigInteger(128, random)),
          new String[] {"free", "pro", "team"}[i % 3],
          java.sql.Timestamp.valueOf(java.time.LocalDateTime.of(2023, 5, 1, 8, 0).plusHours(i * 7L))});
    }
    return Frame.ofRows(schema, rows);
  }

  @Test
  void messyExportGetsATypeOrAReasonForEveryColumn() {
    Map<String, ColumnProfile> p = profileOf(messyExport(), Map.of());
    assertEquals("identifier: UUIDs (200 distinct values in 200 rows, UUID format, id-like name)",
        p.get("TRANSACTION_ID").reason());
    assertEquals("constant: single value 'United States'", p.get("COUNTRY").reason());
    assertEquals("all values are NULL", p.get("METADATA").reason());
    assertEquals(DetectedType.TIMESTAMP, p.get("SIGNED_UP").detectedType());
    assertEquals("date(cyclical weekday/day/month + linear time)", p.get("SIGNED_UP").encoder());
    assertEquals(ValueKind.TEMPORAL, p.get("SIGNED_UP").valueKind());
    assertEquals(DetectedType.TIMESTAMP, p.get("LAST_LOGIN").detectedType(),
        "2024-03-01 10:00:00, 2024-03-01T10:00:00Z and 2024-02-10T01:30:00 all read as times");
    assertEquals(0, p.get("LAST_LOGIN").unparseable());
    assertEquals("timestamp(cyclical hour/weekday/day/month + linear time)",
        p.get("LAST_LOGIN").encoder());
    assertEquals(DetectedType.EMAIL, p.get("CONTACT").detectedType(),
        "unique addresses are not identifiers: their domains carry signal");
    assertEquals("email(domain: 4 values, top-level domain, free-mail flag, local-part length)",
        p.get("CONTACT").encoder());
    assertEquals(DetectedType.URL, p.get("HOMEPAGE").detectedType());
    assertEquals(40, p.get("HOMEPAGE").missing());
    ColumnProfile age = p.get("AGE");
    assertEquals(DetectedType.SCALAR, age.detectedType(), "numbers written as text are numbers");
    assertEquals(ValueKind.NUMBER, age.valueKind());
    assertEquals(3, age.unparseable(), "the three 'thirty' values are counted as unparseable");
    assertTrue(p.get("ROW_NO").reason().startsWith("identifier: surrogate key (unique integers: "
        + "all 200 values distinct, a near-sequential run from 1000 to 1199, an id-like name"),
        p.get("ROW_NO").reason());
    assertEquals("identifier: hex hashes (200 distinct values in 200 rows, hex digits only)",
        p.get("CHECKSUM").reason());
    assertEquals(DetectedType.CATEGORICAL, p.get("PLAN").detectedType());
    assertEquals(DetectedType.TIMESTAMP, p.get("CREATED").detectedType());
  }

  @Test
  void repeatedUuidsReferringToFewThingsAreCategoriesNotIdentifiers() {
    List<ColumnSchema> schema = List.of(new ColumnSchema("DEVICE", Types.VARCHAR, "VARCHAR"));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(new Object[] {java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) (i % 5)})
          .toString()});
    }
    ColumnProfile device = profileOf(Frame.ofRows(schema, rows), Map.of()).get("DEVICE");
    assertEquals(DetectedType.CATEGORICAL, device.detectedType(), device.reason());
  }

  @Test
  void textThatOnlyLooksDottedIsNotADomain() {
    assertTrue(TextPatterns.isUrl("example.com"));
    assertTrue(TextPatterns.isUrl("https://shop.example.org/a/b?c=1"));
    assertTrue(TextPatterns.isUrl("bbc.co.uk/news"));
    assertFalse(TextPatterns.isUrl("john.doe"));
    assertFalse(TextPatterns.isUrl("1.5"));
    assertFalse(TextPatterns.isEmail("not an address"));
    assertEquals(new TextPatterns.UrlParts("https", "example.com", 2, true),
        TextPatterns.url("https://www.Example.com/a/b?x=1"));
  }

  @Test
  void manyDistinctWordsAreFreeTextAndManyDistinctCodesAreExcluded() {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("REVIEW", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("PART", Types.VARCHAR, "VARCHAR"));
    String[] moods = {"loved", "hated", "returned", "recommended"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(new Object[] {"I " + moods[i % 4] + " item " + i + " after " + (i % 7) + " days",
          "P" + (i % 150) + "X"});
    }
    Map<String, ColumnProfile> p = profileOf(Frame.ofRows(schema, rows), Map.of());
    assertEquals(DetectedType.TEXT, p.get("REVIEW").detectedType());
    assertTrue(p.get("REVIEW").used());
    assertEquals(200, p.get("REVIEW").distinct());
    assertEquals(DetectedType.EXCLUDED, p.get("PART").detectedType());
    assertTrue(p.get("PART").reason().startsWith("high-cardinality codes"),
        p.get("PART").reason());
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
