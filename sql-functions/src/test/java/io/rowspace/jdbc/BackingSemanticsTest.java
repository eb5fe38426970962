package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What is not a model call means what it means on the backing database: the examples
 * (AVG of an integer column beside a model call is 4201.754…, not 4201) and the shapes BI tools
 * write, each compared with the same query without the model call.
 */
class BackingSemanticsTest {
  private static Connection connection;
  private static DifferentialCheck differential;

  @BeforeAll
  static void penguins() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:backing_semantics");
    SharedDatasets.load(connection, "penguins", "penguins", "penguins", id -> true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species "
          + "WITH (epochs = 8)");
    }
    differential = new DifferentialCheck(connection, false);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void anAverageBesideAModelCallIsTheDatabasesAverage() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT AVG(body_mass_g), MAX(PREDICT('sp')) FROM penguins")) {
      assertTrue(rs.next());
      assertEquals(4201.754385964912, rs.getDouble(1), 1e-9);
    }
  }

  @Test
  void theShareOfRightPredictionsHasTheDatabasesScale() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT AVG(CASE WHEN PREDICT('sp') = species "
             + "THEN 1.0 ELSE 0 END) AS share, SUM(CASE WHEN PREDICT('sp') = species THEN 1 "
             + "ELSE 0 END) AS right_ones, COUNT(*) AS n FROM penguins")) {
      assertTrue(rs.next());
      BigDecimal share = rs.getBigDecimal("share");
      long right = rs.getLong("right_ones");
      long n = rs.getLong("n");
      // H2: AVG of NUMERIC(11, 1) is NUMERIC(21, 11)
      assertEquals(11, share.scale(), share::toPlainString);
      assertEquals(BigDecimal.valueOf(right).divide(BigDecimal.valueOf(n), 11,
          RoundingMode.HALF_UP), share);
      assertTrue(right > 300, right + " of " + n + " right");
    }
  }

  @Test
  void biToolShapesBesideAModelCall() throws SQLException {
    biToolShapes(differential);
  }

  /** The shapes BI tools write, each with and without a model call (H2 and PostgreSQL). */
  static void biToolShapes(DifferentialCheck differential) throws SQLException {
    differential.check("SELECT /*MODEL*/ AVG(body_mass_g) AS mass FROM penguins",
        "MAX(PREDICT('sp')) AS p,");
    differential.check("SELECT /*MODEL*/ species, AVG(body_mass_g) AS mass, "
        + "SUM(flipper_length_mm) AS flippers, COUNT(DISTINCT island) AS islands, "
        + "AVG(bill_length_mm) AS bill, SUM(bill_depth_mm) AS depth, COUNT(*) AS n "
        + "FROM penguins GROUP BY species ORDER BY species", "MAX(PREDICT('sp')) AS p,");
    differential.check("SELECT /*MODEL*/ island, SUM(CAST(body_mass_g AS NUMERIC(10, 2))) / "
        + "COUNT(*) AS per_bird, AVG(CAST(bill_depth_mm AS NUMERIC(6, 1))) AS depth "
        + "FROM penguins GROUP BY island ORDER BY island", "COUNT(PREDICT('sp')) AS p,");
    differential.check("SELECT /*MODEL*/ id, body_mass_g / 7 AS sevenths, "
        + "CAST(body_mass_g AS NUMERIC(8, 1)) / 3 AS thirds, "
        + "RANK() OVER (PARTITION BY species ORDER BY body_mass_g DESC, id) AS r, "
        + "SUM(body_mass_g) OVER (PARTITION BY island) AS island_mass, "
        + "CASE WHEN sex IS NULL THEN 'unknown' ELSE UPPER(sex) END AS s "
        + "FROM penguins WHERE body_mass_g > 4000 AND id IN (SELECT id FROM penguins "
        + "WHERE island <> 'Dream') ORDER BY body_mass_g DESC, id LIMIT 20 OFFSET 5",
        "PREDICT('sp') AS p,");
    differential.check("SELECT /*MODEL*/ id, sex FROM penguins ORDER BY sex, id",
        "PREDICT('sp') AS p,");
    differential.check("SELECT /*MODEL*/ sex, COUNT(*) AS n, MIN(bill_length_mm) AS shortest "
        + "FROM penguins WHERE body_mass_g > (SELECT AVG(body_mass_g) FROM penguins) "
        + "GROUP BY sex HAVING COUNT(*) > 1 ORDER BY n DESC, sex", "MAX(PREDICT('sp')) AS p,");
  }

  @Test
  void wordsTheDatabaseDoesNotReserveAreNamesBesideAModelCall() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT s.rank, year, value FROM "
             + "(SELECT 2024 AS year, 'x' AS value) v, TABLE(SIMILAR_ROWS('penguin_space', 1, 3)) "
             + "s ORDER BY s.rank")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt("rank"));
      assertEquals(2024, rs.getInt("year"));
    }
    // H2 reserves VALUE and YEAR itself; RANK it does not
    differential.check("SELECT /*MODEL*/ id AS rank, "
        + "RANK() OVER (ORDER BY body_mass_g, id) AS r FROM penguins ORDER BY id LIMIT 5",
        "PREDICT('sp') AS p,");
  }

  @Test
  void errorsPointIntoTheUsersText() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      SQLException table = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT PREDICT('sp') FROM penguinz"));
      assertEquals("42S02", table.getSQLState());
      assertTrue(table.getMessage().contains("(line 1, column 27)"), table.getMessage());
      SQLException column = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT PREDICT('sp'),\n  wingspan FROM penguins"));
      assertEquals("42S22", column.getSQLState());
      assertTrue(column.getMessage().contains("(line 2, column 3)"), column.getMessage());
      assertTrue(!column.getMessage().contains("ROWSPACE_"), column.getMessage());
    }
  }
}
