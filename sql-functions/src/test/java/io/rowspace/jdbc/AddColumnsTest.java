package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ALTER EMBEDDING SPACE s ADD COLUMNS (c)} continues training the space from its weights
 * with a column it did not read, in fewer epochs, as a new version: a predictor re-created on it
 * sees the column's signal, and the earlier version can be rolled back to. {@code ... REFRESH}
 * continues training on the current rows.
 */
class AddColumnsTest {
  private static Connection connection;

  @BeforeAll
  static void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:add_columns");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE leads (id INTEGER PRIMARY KEY, visits INTEGER, "
          + "region VARCHAR(10), noise DOUBLE PRECISION, engagement DOUBLE PRECISION, "
          + "converted VARCHAR(3))");
    }
    Random random = new Random(19);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO leads VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= 300; id++) {
        double engagement = random.nextGaussian();
        insert.setInt(1, id);
        insert.setInt(2, random.nextInt(30));
        insert.setString(3, new String[] {"north", "south", "east"}[random.nextInt(3)]);
        insert.setDouble(4, random.nextGaussian());
        insert.setDouble(5, engagement);
        // Converted follows engagement alone (with 5 % of labels flipped).
        boolean converted = (engagement > 0) != (random.nextDouble() < 0.05);
        insert.setString(6, converted ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void addingAColumnWithSignalRaisesThePredictorsValidationAuc() throws SQLException {
    execute("CREATE EMBEDDING SPACE leads_space ON leads EXCLUDE COLUMNS (engagement) "
        + "WITH (epochs = 6, seed = 3, sentence_model = false)");
    execute("CREATE PREDICTOR converts ON leads_space TARGET converted "
        + "WITH (trees = false, fine_tune = false, epochs = 10)");
    double without = auc();

    List<String> warnings = execute("ALTER EMBEDDING SPACE leads_space ADD COLUMNS (engagement)");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("training continues from version 1 "
        + "with the added column ENGAGEMENT for 2 epochs")), warnings.toString());
    assertEquals("2 2", scalar("SELECT version || ' ' || epochs FROM ROWSPACE.EMBEDDING_SPACES "
        + "WHERE name = 'LEADS_SPACE'"), "a new version, a third of the epochs");
    assertEquals("USED", scalar("SELECT status FROM ROWSPACE.SPACE_COLUMNS "
        + "WHERE space = 'LEADS_SPACE' AND column_name = 'ENGAGEMENT'"));
    assertEquals("STALE", scalar("SELECT status FROM ROWSPACE.PREDICTORS "
        + "WHERE name = 'CONVERTS'"), "trained on version 1");

    execute("CREATE OR REPLACE PREDICTOR converts ON leads_space TARGET converted "
        + "WITH (trees = false, fine_tune = false, epochs = 10)");
    double with = auc();
    assertTrue(with > without + 0.1, "validation AUC " + without + " without the column, "
        + with + " with it");

    SQLException twice = assertThrows(SQLException.class,
        () -> execute("ALTER EMBEDDING SPACE leads_space ADD COLUMNS (engagement)"));
    assertEquals("22023", twice.getSQLState());
    assertTrue(twice.getMessage().contains("in the space already"), twice.getMessage());
    SQLException unknown = assertThrows(SQLException.class,
        () -> execute("ALTER EMBEDDING SPACE leads_space ADD COLUMNS (budget)"));
    assertEquals("42S22", unknown.getSQLState());
    SQLException shape = assertThrows(SQLException.class,
        () -> execute("ALTER EMBEDDING SPACE leads_space ADD COLUMNS (noise) "
            + "WITH (d_model = 64)"));
    assertEquals("22023", shape.getSQLState());

    // REFRESH continues training on the current rows, as one more version.
    execute("INSERT INTO leads SELECT id + 1000, visits, region, noise, engagement, converted "
        + "FROM leads WHERE id <= 50");
    warnings = execute("ALTER EMBEDDING SPACE leads_space REFRESH");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("training continues from version 2 "
        + "on the current rows for 1 epochs")), warnings.toString());
    assertEquals("3 350", scalar("SELECT version || ' ' || rows_trained FROM "
        + "ROWSPACE.EMBEDDING_SPACES WHERE name = 'LEADS_SPACE'"));

    execute("ALTER EMBEDDING SPACE leads_space ROLLBACK TO VERSION 1");
    assertEquals("EXCLUDED", scalar("SELECT status FROM ROWSPACE.SPACE_COLUMNS "
        + "WHERE space = 'LEADS_SPACE' AND column_name = 'ENGAGEMENT'"));
  }

  private static double auc() throws SQLException {
    return ((Number) scalar("SELECT auc FROM ROWSPACE.PREDICTORS WHERE name = 'CONVERTS'"))
        .doubleValue();
  }

  private static List<String> execute(String sql) throws SQLException {
    return JdbcCalls.executeForWarnings(connection, sql);
  }

  private static Object scalar(String sql) throws SQLException {
    return JdbcCalls.scalar(connection, sql);
  }
}
