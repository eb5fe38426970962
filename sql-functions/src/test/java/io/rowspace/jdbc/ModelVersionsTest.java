package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CREATE OR REPLACE} keeps earlier versions of spaces and predictors
 * ({@code ROWSPACE.MODEL_VERSIONS}), {@code ALTER ... ROLLBACK TO VERSION n} makes one current
 * again with the very predictions it gave, a predictor follows the version of its space it was
 * trained on, at most {@code rowspace.keepVersions} versions are kept and DROP drops them all.
 */
class ModelVersionsTest {
  private static Connection connection;

  @BeforeAll
  static void table() throws SQLException {
    Properties info = new Properties();
    info.setProperty("rowspace.keepVersions", "3");
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:model_versions", info);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, minutes DOUBLE PRECISION, "
          + "pages INTEGER, source VARCHAR(10), bought VARCHAR(3))");
      statement.execute("INSERT INTO visits SELECT x, MOD(x * 13, 60) + 0.5, MOD(x * 7, 20), "
          + "CASEWHEN(MOD(x, 3) = 0, 'ads', 'search'), CASEWHEN(MOD(x * 13, 60) > 40, 'yes', "
          + "'no') FROM SYSTEM_RANGE(1, 200)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void rollbackRestoresEarlierVersionsBitForBit() throws SQLException {
    execute("CREATE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 1)");
    execute("CREATE PREDICTOR buyer ON shop TARGET bought WITH (epochs = 3, trees = false)");
    double[] first = probabilities();
    assertTrue(details().contains("\"version\":1"), details());

    execute("CREATE OR REPLACE PREDICTOR buyer ON shop TARGET bought "
        + "WITH (epochs = 3, trees = false, seed = 7)");
    double[] second = probabilities();
    assertFalse(java.util.Arrays.equals(first, second), "another seed, another predictor");
    assertEquals("1 false, 2 true", versions("PREDICTOR", "BUYER"));
    assertTrue(details().contains("\"version\":2"), details());

    List<String> warnings = execute("ALTER PREDICTOR buyer ROLLBACK TO VERSION 1");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("Predictor 'BUYER' is at version 1 "
        + "again (trained on version 1 of embedding space 'SHOP')")), warnings.toString());
    assertArrayEquals(first, probabilities(), "version 1 predicts as it did");
    assertTrue(details().contains("\"version\":1"), details());
    assertEquals("1 true, 2 false", versions("PREDICTOR", "BUYER"));
    execute("ALTER PREDICTOR buyer ROLLBACK TO VERSION 2");
    assertArrayEquals(second, probabilities());
    execute("ALTER PREDICTOR buyer ROLLBACK TO VERSION 1");

    SQLException unknown = assertThrows(SQLException.class,
        () -> execute("ALTER PREDICTOR buyer ROLLBACK TO VERSION 7"));
    assertEquals("42704", unknown.getSQLState());
    assertTrue(unknown.getMessage().contains("Version 7 of predictor 'BUYER' does not exist. "
        + "Kept versions: 1 (current), 2."), unknown.getMessage());
    SQLException noPredictor = assertThrows(SQLException.class,
        () -> execute("ALTER PREDICTOR nobody ROLLBACK TO VERSION 1"));
    assertEquals("42704", noPredictor.getSQLState());

    // A space replaced by other weights makes its predictor STALE; rolled back, it predicts again.
    execute("CREATE OR REPLACE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 2)");
    assertEquals("STALE", scalar("SELECT status FROM ROWSPACE.PREDICTORS WHERE name = 'BUYER'"));
    assertEquals("1 false, 2 true", versions("SPACE", "SHOP"));
    warnings = execute("ALTER EMBEDDING SPACE shop ROLLBACK TO VERSION 1");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("Predictors trained on it are READY: "
        + "BUYER")), warnings.toString());
    assertEquals("READY", scalar("SELECT status FROM ROWSPACE.PREDICTORS WHERE name = 'BUYER'"));
    assertArrayEquals(first, probabilities(), "space and predictor back at version 1");
    assertTrue(details().contains("\"space_version\":1"), details());

    // The next version is numbered after every kept one, not after the current one.
    execute("CREATE OR REPLACE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 3)");
    assertEquals("1 false, 2 false, 3 true", versions("SPACE", "SHOP"));
    execute("CREATE OR REPLACE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 4)");
    assertEquals("2 false, 3 false, 4 true", versions("SPACE", "SHOP"),
        "rowspace.keepVersions = 3: the oldest went in the same transaction");
    assertEquals(3L, count("SELECT COUNT(DISTINCT version) FROM ROWSPACE.MODEL_BLOBS "
        + "WHERE name = 'SHOP' AND kind = 'SPACE'"));
    SQLException gone = assertThrows(SQLException.class,
        () -> execute("ALTER EMBEDDING SPACE shop ROLLBACK TO VERSION 1"));
    assertEquals("42704", gone.getSQLState());
    assertTrue(gone.getMessage().contains("Kept versions: 2, 3, 4 (current)"),
        gone.getMessage());

    // A predictor rolled back to a version trained on another version of the space is STALE.
    execute("CREATE OR REPLACE PREDICTOR buyer ON shop TARGET bought "
        + "WITH (epochs = 3, trees = false)");
    warnings = execute("ALTER PREDICTOR buyer ROLLBACK TO VERSION 1");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("but STALE") && w.contains(
        "ALTER EMBEDDING SPACE SHOP ROLLBACK TO VERSION 1")), warnings.toString());

    execute("DROP EMBEDDING SPACE shop CASCADE");
    assertEquals(0L, count("SELECT COUNT(*) FROM ROWSPACE.MODEL_VERSIONS"));
    assertEquals(0L, count("SELECT COUNT(*) FROM ROWSPACE.MODEL_BLOBS"));
  }

  private static String versions(String kind, String name) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT version, is_current FROM "
             + "ROWSPACE.MODEL_VERSIONS WHERE kind = '" + kind + "' AND name = '" + name
             + "' ORDER BY version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getBoolean(2));
      }
    }
    return String.join(", ", rows);
  }

  private static double[] probabilities() throws SQLException {
    List<Double> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT PREDICT_PROBA('buyer') FROM visits ORDER BY id")) {
      while (rs.next()) {
        values.add(rs.getDouble(1));
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String details() throws SQLException {
    return (String) scalar("SELECT PREDICT_DETAILS('buyer') FROM visits WHERE id = 1");
  }

  private static long count(String sql) throws SQLException {
    return ((Number) scalar(sql)).longValue();
  }

  private static List<String> execute(String sql) throws SQLException {
    return JdbcCalls.executeForWarnings(connection, sql);
  }

  private static Object scalar(String sql) throws SQLException {
    return JdbcCalls.scalar(connection, sql);
  }
}
