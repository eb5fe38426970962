package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The part of a query that calls no model runs on the backing database as written, so functions
 * and syntax the database has and Calcite lacks work beside a model call: H2's {@code DATEADD},
 * {@code LEFT}, {@code LISTAGG}; PostgreSQL's {@code date_trunc}, {@code string_agg},
 * {@code ::} casts, {@code ILIKE} and the regular-expression matches {@code ~}, {@code ~*},
 * {@code !~}, {@code !~*}. Each query is compared with itself without the model call
 * (values, types, row order), and the model-call column must hold predictions.
 */
class DialectBesideModelCallsTest {

  @Test
  void h2FunctionsBesideAModelCall() throws SQLException {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:rowspace:h2:mem:dialect_beside_model_calls")) {
      SharedDatasets.trainPenguinSpecies(connection, 4);
      DifferentialCheck differential = new DifferentialCheck(connection, false);
      assertEquals(10, differential.check("SELECT /*MODEL*/ id, LEFT(species, 3) AS s3, "
          + "DATEADD('DAY', id, DATE '2024-01-01') AS d, body_mass_g::DOUBLE PRECISION / 3 AS m "
          + "FROM penguins WHERE LEFT(island, 1) = 'B' AND sex ILIKE 'm%' ORDER BY id "
          + "LIMIT 10", "PREDICT('sp') AS p,"));
      assertEquals(3, differential.check("SELECT /*MODEL*/ island, "
          + "LISTAGG(DISTINCT species, ',') WITHIN GROUP (ORDER BY species) AS kinds, "
          + "COUNT(*) AS n FROM penguins GROUP BY island ORDER BY island",
          "PREDICT('sp', island => island) AS p,"));
      assertEquals(3, differential.check("SELECT /*MODEL*/ LEFT(island, 2) AS i, "
          + "AVG(body_mass_g) AS mass FROM penguins GROUP BY LEFT(island, 2) ORDER BY mass",
          "COUNT(PREDICT('sp')) AS p,"));
      predictionsArePresent(connection, "SELECT PREDICT('sp') AS p, LEFT(island, 1) AS i "
          + "FROM penguins WHERE DATEADD('YEAR', 1, DATE '2024-01-01') > DATE '2024-06-01'");
      // parameters of the database's part are bound by the database
      try (java.sql.PreparedStatement prepared = connection.prepareStatement("SELECT id, "
          + "LEFT(island, 2) AS i, PREDICT('sp') AS p FROM penguins WHERE id = ? "
          + "AND body_mass_g > ? ORDER BY id")) {
        for (int id : new int[] {3, 7, 3}) {
          prepared.setInt(1, id);
          prepared.setInt(2, 0);
          try (ResultSet rs = prepared.executeQuery()) {
            assertTrue(rs.next(), "penguin " + id);
            assertEquals(id, rs.getInt("id"));
            assertTrue(rs.getString("p") != null);
            assertTrue(!rs.next());
          }
        }
      }
    }
  }

  @Test
  void postgresFunctionsBesideAModelCall() throws SQLException {
    String backing = TestPostgres.url();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP TABLE IF EXISTS penguins CASCADE");
    }
    try (Connection connection = DriverManager.getConnection(
        backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
            + (backing.contains("?") ? "&" : "?") + "stringtype=unspecified")) {
      SharedDatasets.trainPenguinSpecies(connection, 4);
      DifferentialCheck differential = new DifferentialCheck(connection, true);
      assertEquals(10, differential.check("SELECT /*MODEL*/ id, "
          + "date_trunc('month', DATE '2024-03-05' + id) AS m, "
          + "body_mass_g::numeric(10, 1) / 3 AS thirds, species ILIKE 'a%' AS a, "
          + "to_char(id, 'FM000') AS code FROM penguins WHERE island ILIKE 'b%' "
          + "ORDER BY id LIMIT 10", "PREDICT('sp') AS p,"));
      assertEquals(3, differential.check("SELECT /*MODEL*/ island, "
          + "string_agg(DISTINCT species, ',' ORDER BY species) AS kinds, COUNT(*) AS n "
          + "FROM penguins GROUP BY island ORDER BY island",
          "PREDICT('sp', island => island) AS p,"));
      assertEquals(3, differential.check("SELECT /*MODEL*/ island::text AS i, "
          + "AVG(body_mass_g) AS mass FROM penguins GROUP BY island::text ORDER BY mass",
          "COUNT(PREDICT('sp')) AS p,"));
      predictionsArePresent(connection, "SELECT PREDICT('sp') AS p, initcap(island) AS i "
          + "FROM penguins WHERE island ILIKE 'b%' AND position('o' in island) > 0");
      // Regular-expression matches, run by the database and, around a model call, by Calcite
      assertEquals(10, differential.check("SELECT /*MODEL*/ id, island ~ '^B' AS b, "
          + "species !~* '^a' AS not_a FROM penguins WHERE island ~* 'o' ORDER BY id LIMIT 10",
          "PREDICT('sp') AS p,"));
      predictionsArePresent(connection, "SELECT PREDICT('sp') AS p FROM penguins "
          + "WHERE PREDICT('sp') ~ '^[ACG]' AND PREDICT('sp') !~ 'x$'");
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP PREDICTOR sp");
        statement.execute("DROP EMBEDDING SPACE penguin_space");
        statement.execute("DROP TABLE penguins");
      }
    }
  }


  /** Every row of the query has a prediction, one of the penguins' species. */
  private static void predictionsArePresent(Connection connection, String sql)
      throws SQLException {
    int rows = 0;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        assertTrue(java.util.Set.of("Adelie", "Chinstrap", "Gentoo")
            .contains(rs.getString("p").strip()), rs.getString("p"));
        rows++;
      }
    }
    assertTrue(rows > 100, rows + " rows");
  }
}
