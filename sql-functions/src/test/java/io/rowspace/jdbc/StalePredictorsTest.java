package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CREATE OR REPLACE EMBEDDING SPACE} with other weights makes the space's predictors STALE
 * (a warning names them, the catalog shows it, PREDICT fails with 55000 naming the fix), or
 * re-fits them with {@code refit_predictors = true}; a replacement with the same weights leaves
 * them READY.
 */
class StalePredictorsTest {
  private static Connection connection;

  @BeforeAll
  static void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:stale_predictors");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, minutes DOUBLE PRECISION, "
          + "pages INTEGER, source VARCHAR(10), bought VARCHAR(3))");
      statement.execute("INSERT INTO visits SELECT x, MOD(x * 13, 60) + 0.5, MOD(x * 7, 20), "
          + "CASEWHEN(MOD(x, 3) = 0, 'ads', 'search'), CASEWHEN(MOD(x * 13, 60) > 40, 'yes', "
          + "'no') FROM SYSTEM_RANGE(1, 300)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void replacingTheSpaceMarksItsPredictorsStaleUntilRetrainedOrRefitted() throws SQLException {
    execute("CREATE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 1)");
    execute("CREATE PREDICTOR buyer ON shop TARGET bought WITH (epochs = 3, trees = false)");
    execute("CREATE PREDICTOR pages_left ON shop TARGET pages WITH (epochs = 3)");
    assertNotNull(scalar("SELECT PREDICT('buyer') FROM visits WHERE id = 1"));

    List<String> warnings = execute(
        "CREATE OR REPLACE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 2)");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("Predictors BUYER, PAGES_LEFT of "
        + "embedding space 'SHOP' are now STALE") && w.contains("refit_predictors = true")),
        warnings.toString());
    assertEquals("STALE", scalar("SELECT status FROM ROWSPACE.PREDICTORS WHERE name = 'BUYER'"));
    assertEquals("STALE", showPredictorsStatus("PAGES_LEFT"), "SHOW PREDICTORS shows it");

    SQLException stale = assertThrows(SQLException.class,
        () -> scalar("SELECT PREDICT('buyer') FROM visits WHERE id = 1"));
    assertEquals("55000", stale.getSQLState(), stale.getMessage());
    assertTrue(stale.getMessage().contains("Predictor 'BUYER' is STALE")
        && stale.getMessage().contains("CREATE OR REPLACE PREDICTOR BUYER ON EMBEDDING SPACE "
            + "SHOP TARGET BOUGHT")
        && stale.getMessage().contains("refit_predictors = true"), stale.getMessage());
    SQLException staleDetails = assertThrows(SQLException.class,
        () -> scalar("SELECT PREDICT_DETAILS('pages_left', minutes => 3)"));
    assertEquals("55000", staleDetails.getSQLState(), staleDetails.getMessage());

    execute("CREATE OR REPLACE PREDICTOR buyer ON shop TARGET bought "
        + "WITH (epochs = 3, trees = false)");
    assertEquals("READY", scalar("SELECT status FROM ROWSPACE.PREDICTORS WHERE name = 'BUYER'"));
    assertNotNull(scalar("SELECT PREDICT('buyer') FROM visits WHERE id = 1"));

    warnings = execute("CREATE OR REPLACE EMBEDDING SPACE shop ON visits "
        + "WITH (epochs = 2, seed = 3, refit_predictors = true)");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("Predictor 'BUYER' re-fitted")),
        warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("Predictor 'PAGES_LEFT' re-fitted")),
        warnings.toString());
    assertEquals(0L, ((Number) scalar("SELECT COUNT(*) FROM ROWSPACE.PREDICTORS "
        + "WHERE status <> 'READY'")).longValue());
    assertNotNull(scalar("SELECT PREDICT('buyer') FROM visits WHERE id = 1"));
    assertNotNull(scalar("SELECT PREDICT('pages_left') FROM visits WHERE id = 1"));
    assertEquals("{\"epochs\":\"3\",\"trees\":\"false\"}", scalar(
        "SELECT statement_options FROM ROWSPACE.PREDICTORS WHERE name = 'BUYER'"),
        "re-fitted with the options its own statement wrote");

    warnings = execute(
        "CREATE OR REPLACE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 3)");
    assertTrue(warnings.stream().noneMatch(w -> w.contains("STALE")),
        "the same data, options and seed give the same weights: " + warnings);
    assertNotNull(scalar("SELECT PREDICT('buyer') FROM visits WHERE id = 1"));

    SQLException badOption = assertThrows(SQLException.class, () -> execute(
        "CREATE OR REPLACE EMBEDDING SPACE shop ON visits WITH (refit_predictors = 'maybe')"));
    assertEquals("22023", badOption.getSQLState());
  }

  private static String showPredictorsStatus(String name) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SHOW PREDICTORS")) {
      while (rs.next()) {
        if (rs.getString("name").equals(name)) {
          return rs.getString("status");
        }
      }
    }
    return null;
  }

  private static List<String> execute(String sql) throws SQLException {
    return JdbcCalls.executeForWarnings(connection, sql);
  }

  private static Object scalar(String sql) throws SQLException {
    return JdbcCalls.scalar(connection, sql);
  }
}
