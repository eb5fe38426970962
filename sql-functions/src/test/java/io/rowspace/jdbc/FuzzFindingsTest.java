package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements the statement fuzzer ({@code io.rowspace.bench.StatementFuzzer}) found failing
 * with something other than an SQLException with a SQLSTATE, one per kind of defect: each now
 * runs or fails with its SQLSTATE, and the connection keeps working.
 */
class FuzzFindingsTest {
  private static Connection connection;

  @BeforeAll
  static void smallPredictor() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:fuzz_findings");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE shop (id INTEGER PRIMARY KEY, plan VARCHAR(10), "
          + "visits INTEGER, churned VARCHAR(3))");
      statement.execute("CREATE TABLE shop_notes (shop_id INTEGER, note VARCHAR(20))");
      statement.execute("INSERT INTO shop SELECT X, CASE MOD(X, 3) WHEN 0 THEN 'pro' "
          + "ELSE 'free' END, MOD(X * 7, 40), CASE WHEN MOD(X * 7, 40) < 12 THEN 'yes' "
          + "ELSE 'no' END FROM SYSTEM_RANGE(1, 80)");
      statement.execute("CREATE EMBEDDING SPACE shop_space ON shop "
          + "WITH (epochs = 1, d_model = 8, sentence_model = false)");
      statement.execute("CREATE PREDICTOR churn ON shop_space TARGET churned "
          + "WITH (epochs = 1, trees = false)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void deepParenthesesInAPlainQueryAreTooComplexNotAStackOverflowError() throws SQLException {
    String nested = "(".repeat(5_000) + "1" + ")".repeat(5_000);
    SQLException e = fails("SELECT COUNT(" + nested + ") FROM shop");
    assertNotNull(e.getSQLState(), e.getMessage());
    stillWorks();
  }

  @Test
  void aLongIdentifierTheParserAcceptsIsAcceptedByCalciteToo() throws SQLException {
    String alias = "\"" + "n".repeat(200) + "\"";
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT PREDICT('churn') AS " + alias + " FROM shop WHERE id = 1")) {
      assertTrue(rs.next());
      assertEquals("n".repeat(200), rs.getMetaData().getColumnLabel(1));
    }
    SQLException unknown = fails("SELECT plan, " + "n".repeat(300) + "(PREDICT('churn')) "
        + "FROM shop");
    assertNotNull(unknown.getSQLState(), unknown.getMessage());
  }

  @Test
  void anUnknownAliasBesidePredictIsAnUnknownTableOrColumn() throws SQLException {
    SQLException e = fails("SELECT s.id, PREDICT('churn') FROM shop JOIN shop_notes n "
        + "ON s.id = n.shop_id");
    assertTrue(e.getSQLState().startsWith("42"), e.getSQLState() + " " + e.getMessage());
    stillWorks();
  }

  @Test
  void comparingALabelWithANumberOrPassingTextForANumberHasAState() throws SQLException {
    SQLException compared = fails("SELECT * FROM (SELECT id, plan, visits FROM shop) AS t "
        + "WHERE PREDICT('churn') = (SELECT 1)");
    assertNotNull(compared.getSQLState(), compared.getMessage());
    SQLException withBoolean = fails("SELECT * FROM (SELECT id, plan, visits FROM shop) AS t "
        + "WHERE PREDICT('churn') = TRUE");
    assertEquals("22018", withBoolean.getSQLState(), withBoolean.getMessage());
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT PREDICT('churn', plan => -254, visits => '日本語')")) {
      assertTrue(rs.next(), "an unreadable number counts as missing");
    } catch (SQLException e) {
      assertNotNull(e.getSQLState(), e.getMessage());
    }
    stillWorks();
  }

  @Test
  void aLimitBeyondWhatCalciteCountsIsAnInvalidArgument() throws SQLException {
    SQLException e = fails("SELECT id FROM shop ORDER BY PREDICT_PROBA('churn') DESC "
        + "LIMIT 9223372036854775808");
    assertEquals("22023", e.getSQLState(), e.getMessage());
    // Found by the 100,000-statement run: Calcite's limit counts rows in an int.
    e = fails("SELECT id FROM shop ORDER BY PREDICT_PROBA('churn') DESC LIMIT 2147483648");
    assertEquals("22023", e.getSQLState(), e.getMessage());
    e = fails("SELECT * FROM TABLE(EMBEDDINGS('shop_space')) FETCH FIRST 2147483648 ROWS ONLY");
    assertEquals("22023", e.getSQLState(), e.getMessage());
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id FROM shop "
             + "ORDER BY PREDICT_PROBA('churn') DESC LIMIT 2147483647")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      assertEquals(80, rows);
    }
    stillWorks();
  }

  @Test
  void comparingAModelCallOrARowWithAnIntervalNamesTheTypesNotTheirPlan() throws SQLException {
    // Found by the 100,000-statement run: Calcite has no code for these comparisons.
    for (String sql : new String[] {
        "SELECT * FROM (SELECT id, plan FROM shop) AS t WHERE PREDICT('churn') = "
            + "INTERVAL '1' DAY",
        "SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 7, 3)) AS t "
            + "WHERE t.plan = INTERVAL '1' DAY"}) {
      SQLException e = fails(sql);
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("INTERVAL"), e.getMessage());
      assertFalse(e.getMessage().contains("Enumerable"), e.getMessage());
    }
    stillWorks();
  }

  @Test
  void similarRowsArgumentsOfTheWrongKindAreInvalidArguments() throws SQLException {
    assertEquals("22023", fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 7, "
        + "INTERVAL '1' DAY)) AS t WHERE t.plan = 'pro'").getSQLState());
    SQLException subquery = fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', "
        + "(SELECT 1), 3)) AS t WHERE t.plan = 'pro'");
    assertEquals("22023", subquery.getSQLState());
    assertFalse(subquery.getMessage().contains("`"), subquery.getMessage());
    SQLException textK = fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 1, 'five'))");
    assertEquals("22023", textK.getSQLState(), textK.getMessage());
    assertTrue(textK.getMessage().contains("k must be an integer"), textK.getMessage());
    // a 38-digit key is a number the databases hold (DialectTypeSystem), and no row's key
    assertEquals("22023", fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', "
        + "99999999999999999999999999999999999999, 5))").getSQLState());
    assertEquals("22007", fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 7, 3)) AS t "
        + "WHERE t.plan = TIMESTAMP '2020-01-01 00:00:00'").getSQLState());
    stillWorks();
  }

  private static void stillWorks() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT('churn') FROM shop "
             + "WHERE id = 2")) {
      assertTrue(rs.next());
    }
  }

  private static SQLException fails(String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.createStatement()) {
        if (statement.execute(sql)) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
      }
    });
    assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().endsWith("null"),
        e.getMessage());
    return e;
  }
}
