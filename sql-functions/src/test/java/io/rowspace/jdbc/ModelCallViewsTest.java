package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code CREATE VIEW v AS SELECT ... PREDICT(...)}: the view answers queries (alone, joined,
 * with further model calls) with the model as it is when queried, BI tools' metadata lists it
 * with its columns, and {@code DROP VIEW} removes it; on H2 and PostgreSQL.
 */
class ModelCallViewsTest {

  @Test
  void aViewWithAModelCallOnH2() throws SQLException {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:rowspace:h2:mem:model_call_views")) {
      viewsBehave(connection);
    }
  }

  @Test
  void aViewWithAModelCallOnPostgres() throws SQLException {
    String backing = TestPostgres.url();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP VIEW IF EXISTS scored");
      statement.execute("DROP TABLE IF EXISTS penguins CASCADE");
    }
    try (Connection connection = DriverManager.getConnection(
        backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
            + (backing.contains("?") ? "&" : "?") + "stringtype=unspecified")) {
      viewsBehave(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP PREDICTOR sp");
        statement.execute("DROP EMBEDDING SPACE penguin_space");
        statement.execute("DROP TABLE penguins");
      }
    }
  }

  private static void viewsBehave(Connection connection) throws SQLException {
    SharedDatasets.load(connection, "penguins", "penguins", "penguins", id -> true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species WITH (epochs = 3)");
      statement.execute("CREATE VIEW scored AS SELECT id, species, island, bill_length_mm, "
          + "body_mass_g, PREDICT('sp') AS predicted FROM penguins WHERE island = 'Biscoe'");

      int biscoe = count(statement, "SELECT COUNT(*) FROM penguins WHERE island = 'Biscoe'");
      assertEquals(biscoe, count(statement, "SELECT COUNT(*) FROM scored"));
      assertEquals(biscoe, count(statement,
          "SELECT COUNT(*) FROM scored WHERE predicted IS NOT NULL"));
      assertEquals(predictions(statement, "SELECT id, PREDICT('sp') FROM penguins "
          + "WHERE island = 'Biscoe' ORDER BY id"),
          predictions(statement, "SELECT id, predicted FROM scored ORDER BY id"));

      // joined with a table, and queried with a further model call
      // (inputs are found by name in the FROM: the joined table must not repeat them)
      try (ResultSet rs = statement.executeQuery("SELECT s.id, s.predicted, p.sex, "
          + "PREDICT_PROBA('sp', 'Gentoo') AS gentoo FROM scored s JOIN "
          + "(SELECT id AS penguin, sex FROM penguins) p ON p.penguin = s.id ORDER BY s.id")) {
        int rows = 0;
        while (rs.next()) {
          assertNotNull(rs.getString("predicted"));
          double p = rs.getDouble("gentoo");
          assertTrue(p >= 0 && p <= 1, "probability " + p);
          rows++;
        }
        assertEquals(biscoe, rows);
      }

      // what BI tools read: the view and its columns, with the prediction's type
      DatabaseMetaData meta = connection.getMetaData();
      String viewName = fold(connection, "scored");
      try (ResultSet tables = meta.getTables(null, null, viewName, null)) {
        assertTrue(tables.next(), "the view is listed");
        assertEquals("VIEW", tables.getString("TABLE_TYPE"));
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, null, viewName, null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
      assertEquals(List.of("id", "species", "island", "bill_length_mm", "body_mass_g",
          "predicted"), columns);

      // evaluated with the current model: a re-created predictor changes the view's answers
      statement.execute("CREATE OR REPLACE PREDICTOR sp ON penguin_space TARGET species "
          + "WITH (epochs = 4, seed = 7)");
      assertEquals(predictions(statement, "SELECT id, PREDICT('sp') FROM penguins "
          + "WHERE island = 'Biscoe' ORDER BY id"),
          predictions(statement, "SELECT id, predicted FROM scored ORDER BY id"));

      // (PostgreSQL replaces a view only by one that keeps its columns, adding at the end)
      statement.execute("CREATE OR REPLACE VIEW scored AS SELECT id, species, island, "
          + "bill_length_mm, body_mass_g, PREDICT('sp') AS predicted, "
          + "PREDICT_PROBA('sp', 'Adelie') AS adelie FROM penguins");
      assertEquals(count(statement, "SELECT COUNT(*) FROM penguins"),
          count(statement, "SELECT COUNT(*) FROM scored WHERE adelie BETWEEN 0 AND 1"));

      statement.execute("DROP VIEW scored");
      SQLException gone = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT * FROM scored"));
      assertTrue(gone.getSQLState().startsWith("42"), gone.getSQLState());
      try (ResultSet tables = meta.getTables(null, null, viewName, null)) {
        assertFalse(tables.next(), "the view is gone");
      }
      assertEquals(0, count(statement, "SELECT COUNT(*) FROM ROWSPACE.MODEL_VIEWS"));
    }
  }

  private static String fold(Connection connection, String name) throws SQLException {
    return connection.getMetaData().storesUpperCaseIdentifiers()
        ? name.toUpperCase(java.util.Locale.ROOT) : name;
  }

  private static int count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  private static List<String> predictions(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "=" + rs.getString(2));
      }
    }
    return rows;
  }
}
