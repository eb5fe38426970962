package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every resource limit gives its SQLSTATE (SPEC section 9) before any training, and values that
 * used to break a limit work: k, input columns, expression size and depth, name length, and a
 * text value over 64 KB.
 */
class ResourceLimitsTest {
  private static Connection connection;

  @BeforeAll
  static void smallSpaceAndPredictor() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:resource_limits");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE shop (id INTEGER PRIMARY KEY, plan VARCHAR(10), "
          + "visits INTEGER, churned VARCHAR(3))");
      statement.execute("INSERT INTO shop SELECT X, CASE MOD(X, 3) WHEN 0 THEN 'pro' "
          + "ELSE 'free' END, MOD(X * 7, 40), CASE WHEN MOD(X * 7, 40) < 12 THEN 'yes' "
          + "ELSE 'no' END FROM SYSTEM_RANGE(1, 100)");
    }
    execute("CREATE EMBEDDING SPACE shop_space ON shop "
        + "WITH (epochs = 1, d_model = 8, sentence_model = false)");
    execute("CREATE PREDICTOR churn ON shop_space TARGET churned WITH (epochs = 1, trees = false)");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void similarRowsWithANullKIsAnInvalidArgumentNotEveryRow() {
    SQLException literal = fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 3, NULL))");
    assertEquals("22023", literal.getSQLState());
    assertTrue(literal.getMessage().contains("rowspace.maxK"), literal.getMessage());
    SQLException computed = fails(
        "SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 3, CAST(NULL AS INTEGER)))");
    assertEquals("22023", computed.getSQLState(), computed.getMessage());
  }

  @Test
  void predictWithoutItsInputColumnsInScopeNamesThem() {
    SQLException noFrom = fails("SELECT PREDICT('churn')");
    assertEquals("42S22", noFrom.getSQLState());
    assertTrue(noFrom.getMessage().contains("VISITS") && noFrom.getMessage().contains("=>"),
        noFrom.getMessage());
    SQLException otherColumns = fails("SELECT PREDICT_DETAILS('churn') FROM (VALUES (1)) AS t(x)");
    assertEquals("42S22", otherColumns.getSQLState());
  }

  @Test
  void aThousandTermExpressionBesidePredictRunsOrIsTooComplex() throws SQLException {
    String sum = "1" + " + 1".repeat(999);
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT PREDICT('churn'), " + sum + " FROM shop WHERE id = 1")) {
      assertTrue(rs.next());
      assertEquals(1000, rs.getInt(2));
    } catch (SQLException e) {
      assertEquals("54001", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void deepNestingIsTooComplexNotANullSyntaxError() {
    String nested = "(".repeat(5_000) + "1" + ")".repeat(5_000);
    SQLException e = fails("SELECT id, PREDICT('churn') FROM shop WHERE id = " + nested);
    assertTrue(e.getSQLState().equals("54001") || e.getSQLState().equals("42000"),
        e.getSQLState());
    assertFalse(e.getMessage().endsWith("null"), e.getMessage());
    assertTrue(e.getMessage().contains("too complex") || e.getMessage().contains("column"),
        e.getMessage());
  }

  @Test
  void namesOverTheLimitAreRefusedBeforeTraining() throws SQLException {
    String longName = "n".repeat(300);
    long start = System.nanoTime();
    SQLException space = fails("CREATE EMBEDDING SPACE " + longName + " ON shop");
    assertEquals("42622", space.getSQLState());
    assertTrue(space.getMessage().contains("256"), space.getMessage());
    SQLException predictor = fails("CREATE PREDICTOR \"" + longName + "\" ON shop_space "
        + "TARGET churned WITH (async = true)");
    assertEquals("42622", predictor.getSQLState());
    assertTrue((System.nanoTime() - start) / 1e9 < 10, "refused only after training");
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SHOW PREDICTORS")) {
      while (rs.next()) {
        assertTrue(rs.getString(1).length() <= 256);
      }
    }
  }

  @Test
  void aTextValueOverSixtyFourKilobytesIsStoredWithItsSpace() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, topic VARCHAR(200000), "
          + "score INTEGER)");
    }
    String huge = "слово ".repeat(20_000);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO notes VALUES (?, ?, ?)")) {
      for (int id = 1; id <= 60; id++) {
        insert.setInt(1, id);
        insert.setString(2, id % 7 == 0 ? huge : id % 2 == 0 ? "billing" : "support");
        insert.setInt(3, id % 5);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    execute("CREATE EMBEDDING SPACE notes_space ON notes "
        + "WITH (epochs = 1, d_model = 8, sentence_model = false)");
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, topic FROM TABLE(SIMILAR_ROWS('notes_space', 7, 2))")) {
      assertTrue(rs.next());
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static SQLException fails(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.createStatement()) {
        if (statement.execute(sql)) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
      }
    }, sql.length() > 200 ? sql.substring(0, 200) : sql);
  }
}
