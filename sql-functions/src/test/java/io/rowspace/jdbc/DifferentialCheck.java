package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a query twice through one Rowspace connection: as written (no model call, so on the
 * backing database unchanged) and with a model-call column added in front of its columns, and
 * asserts that every other column has the same values, SQL types and row order.
 */
final class DifferentialCheck {
  private final Connection connection;
  private final boolean postgres;

  DifferentialCheck(Connection connection, boolean postgres) {
    this.connection = connection;
    this.postgres = postgres;
  }

  /**
   * {@code template} holds {@code /*MODEL*}{@code /} where the model-call column goes, e.g.
   * {@code SELECT /*MODEL*}{@code / a, AVG(b) FROM t GROUP BY a}; {@code modelColumn} is the
   * expression with its trailing comma, e.g. {@code MAX(PREDICT('p')) AS m,}.
   */
  int check(String template, String modelColumn) throws SQLException {
    String plain = template.replace("/*MODEL*/", "");
    String withModel = template.replace("/*MODEL*/", modelColumn);
    List<List<Object>> expected = new ArrayList<>();
    List<String> expectedTypes = new ArrayList<>();
    List<String> decimalFloats = new ArrayList<>();
    run(plain, 0, expected, expectedTypes, decimalFloats);
    List<List<Object>> actual = new ArrayList<>();
    List<String> actualTypes = new ArrayList<>();
    run(withModel, 1, actual, actualTypes, new ArrayList<>());
    for (int c = 0; c < expectedTypes.size(); c++) {
      if (decimalFloats.get(c) != null && "double".equals(actualTypes.get(c))) {
        // H2's DECFLOAT (SUM and AVG of DOUBLE PRECISION) is DOUBLE through Calcite
        actualTypes.set(c, expectedTypes.get(c));
      }
    }
    assertEquals(expectedTypes, actualTypes, () -> "column types of " + withModel);
    assertEquals(expected.size(), actual.size(), () -> "row count of " + withModel);
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).size(); c++) {
        Object want = expected.get(r).get(c);
        Object got = actual.get(r).get(c);
        int row = r + 1;
        int column = c + 1;
        boolean decimalFloat = decimalFloats.get(c) != null;
        assertTrue(decimalFloat ? sameDecimalFloat(want, got) : same(want, got),
            () -> "row " + row + ", column " + column + " of " + withModel
            + ": the backing database says " + want + ", with a model call " + got);
      }
    }
    return expected.size();
  }

  private void run(String sql, int skip, List<List<Object>> rows, List<String> types,
      List<String> decimalFloats) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1 + skip; i <= meta.getColumnCount(); i++) {
        types.add(typeName(meta.getColumnType(i)));
        decimalFloats.add("DECFLOAT".equals(meta.getColumnTypeName(i)) ? "DECFLOAT" : null);
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1 + skip; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
  }

  /** JDBC type families: the same value kind, whichever width the driver reports. */
  private static String typeName(int jdbcType) {
    switch (jdbcType) {
    case java.sql.Types.CHAR:
    case java.sql.Types.VARCHAR:
    case java.sql.Types.LONGVARCHAR:
    case java.sql.Types.NCHAR:
    case java.sql.Types.NVARCHAR:
      return "text";
    case java.sql.Types.NUMERIC:
    case java.sql.Types.DECIMAL:
      return "decimal";
    case java.sql.Types.FLOAT:
    case java.sql.Types.DOUBLE:
      return "double";
    case java.sql.Types.BIT:
    case java.sql.Types.BOOLEAN:
      // PostgreSQL's driver reports its boolean as BIT
      return "boolean";
    default:
      return java.sql.JDBCType.valueOf(jdbcType).getName().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * H2's DECFLOAT (SUM and AVG of DOUBLE PRECISION) keeps as many digits as the value needs;
   * through Calcite it is a DOUBLE (DialectTypeSystem): equal to 15 significant digits.
   */
  private static boolean sameDecimalFloat(Object want, Object got) {
    if (want == null || got == null) {
      return want == got;
    }
    MathContext digits = new MathContext(15);
    return new BigDecimal(want.toString()).round(digits)
        .compareTo(new BigDecimal(got.toString()).round(digits)) == 0;
  }

  private boolean same(Object want, Object got) {
    if (want == null || got == null) {
      return want == got;
    }
    if (want instanceof BigDecimal a && got instanceof BigDecimal b) {
      if (postgres) {
        // PostgreSQL's numeric division picks its scale from the values (docs/architecture.md)
        MathContext digits = new MathContext(15);
        return a.round(digits).compareTo(b.round(digits)) == 0;
      }
      return a.compareTo(b) == 0;
    }
    if (want instanceof Number a && got instanceof Number b) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      return x == y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
    }
    if (want instanceof String a && got instanceof String b) {
      return a.stripTrailing().equals(b.stripTrailing());
    }
    return want.equals(got) || want.toString().equals(got.toString());
  }
}
