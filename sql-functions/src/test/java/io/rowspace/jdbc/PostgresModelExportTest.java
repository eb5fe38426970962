package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on embedded H2 serves from PostgreSQL after EXPORT and IMPORT, and one trained
 * on PostgreSQL serves from H2, with bit-identical predictions; versions, rollback and ADD
 * COLUMNS work on PostgreSQL as on H2. The tables have the same names in both databases: quoted where the two
 * fold unquoted names differently, since a model reads its columns by name.
 *
 * <p>The server comes from {@code ROWSPACE_TEST_POSTGRES_URL}; without it the test is skipped.
 */
class PostgresModelExportTest {
  @TempDir
  static Path directory;

  private static String postgres() {
    String backing = TestPostgres.url();
    return backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:");
  }

  @Test
  void aModelTrainedOnH2ServesFromPostgresAndBack() throws SQLException {
    String postgresUrl = postgres();
    Path fromH2 = directory.resolve("from_h2.rowspace");
    Path fromPostgres = directory.resolve("from_postgres.rowspace");
    try (Connection h2 = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_pg");
         Connection pg = DriverManager.getConnection(postgresUrl)) {
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE IF EXISTS \"SHOP\" CASCADE");
        statement.execute("DROP EMBEDDING SPACE IF EXISTS shop_pg CASCADE");
        statement.execute("DROP TABLE IF EXISTS \"VISITS\"");
        statement.execute("DROP TABLE IF EXISTS visits_pg");
      }
      // H2 folds unquoted names to upper case, PostgreSQL to lower case.
      createVisits(h2, "visits", "id", "minutes", "pages", "source", "bought");
      createVisits(pg, "\"VISITS\"", "\"ID\"", "\"MINUTES\"", "\"PAGES\"", "\"SOURCE\"",
          "\"BOUGHT\"");
      createVisits(pg, "visits_pg", "id", "minutes", "pages", "source", "bought");
      createVisits(h2, "\"visits_pg\"", "\"id\"", "\"minutes\"", "\"pages\"", "\"source\"",
          "\"bought\"");

      try (Statement statement = h2.createStatement()) {
        statement.execute("CREATE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 1)");
        statement.execute("CREATE PREDICTOR buyer ON shop TARGET bought WITH (epochs = 3)");
        statement.execute("EXPORT PREDICTOR buyer TO '" + fromH2 + "'");
      }
      try (Statement statement = pg.createStatement()) {
        assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + fromH2 + "'"));
        statement.execute("CREATE EMBEDDING SPACE shop_pg ON visits_pg "
            + "WITH (epochs = 2, seed = 1)");
        statement.execute("CREATE PREDICTOR buyer_pg ON shop_pg TARGET bought "
            + "WITH (epochs = 3)");
        statement.execute("EXPORT PREDICTOR buyer_pg TO '" + fromPostgres + "'");
      }
      try (Statement statement = h2.createStatement()) {
        assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + fromPostgres
            + "'"));
      }
      double[] onH2 = probabilities(h2, "BUYER", "VISITS", "ID");
      assertArrayEquals(onH2, probabilities(pg, "BUYER", "\"VISITS\"", "\"ID\""),
          "trained on H2, predicting on PostgreSQL");
      double[] onPostgres = probabilities(pg, "buyer_pg", "visits_pg", "id");
      assertArrayEquals(onPostgres, probabilities(h2, "buyer_pg", "\"visits_pg\"", "\"id\""),
          "trained on PostgreSQL, predicting on H2");

      // Versions and rollback on PostgreSQL.
      try (Statement statement = pg.createStatement()) {
        statement.execute("CREATE OR REPLACE PREDICTOR buyer_pg ON shop_pg TARGET bought "
            + "WITH (epochs = 3, seed = 5)");
        statement.execute("ALTER PREDICTOR buyer_pg ROLLBACK TO VERSION 1");
        try (ResultSet rs = statement.executeQuery("SELECT version, is_current FROM "
            + "rowspace.model_versions WHERE name = 'buyer_pg' ORDER BY version")) {
          List<String> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(rs.getInt(1) + " " + rs.getBoolean(2));
          }
          assertEquals(List.of("1 true", "2 false"), rows);
        }
      }
      assertArrayEquals(onPostgres, probabilities(pg, "buyer_pg", "visits_pg", "id"),
          "rolled back on PostgreSQL, bit for bit");

      // A space extended with a column on PostgreSQL, and rolled back.
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE IF EXISTS narrow_pg CASCADE");
        statement.execute("CREATE EMBEDDING SPACE narrow_pg ON visits_pg "
            + "EXCLUDE COLUMNS (pages) WITH (epochs = 3, seed = 1)");
        statement.execute("ALTER EMBEDDING SPACE narrow_pg ADD COLUMNS (pages)");
        assertEquals("2 1 USED", columnStatus(statement, "pages"));
        statement.execute("ALTER EMBEDDING SPACE narrow_pg ROLLBACK TO VERSION 1");
        assertEquals("1 3 EXCLUDED", columnStatus(statement, "pages"));
        statement.execute("DROP EMBEDDING SPACE narrow_pg");
      }
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE \"SHOP\" CASCADE");
        statement.execute("DROP EMBEDDING SPACE shop_pg CASCADE");
        statement.execute("DROP TABLE \"VISITS\"");
        statement.execute("DROP TABLE visits_pg");
      }
    }
  }

  /** The space's version, epochs and the status of one of its columns. */
  private static String columnStatus(Statement statement, String column) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT s.version, s.epochs, c.status FROM "
        + "rowspace.embedding_spaces s JOIN rowspace.space_columns c ON c.space = s.name "
        + "WHERE s.name = 'narrow_pg' AND c.column_name = '" + column + "'")) {
      assertTrue(rs.next());
      return rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getString(3);
    }
  }

  private static void createVisits(Connection connection, String table, String id,
      String minutes, String pages, String source, String bought) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (" + id + " INTEGER PRIMARY KEY, " + minutes
          + " DOUBLE PRECISION, " + pages + " INTEGER, " + source + " VARCHAR(10), " + bought
          + " VARCHAR(3))");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
        + " VALUES (?, ?, ?, ?, ?)")) {
      for (int x = 1; x <= 200; x++) {
        insert.setInt(1, x);
        insert.setDouble(2, (x * 13) % 60 + 0.5);
        insert.setInt(3, (x * 7) % 20);
        insert.setString(4, x % 3 == 0 ? "ads" : "search");
        insert.setString(5, (x * 13) % 60 > 40 ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static double[] probabilities(Connection connection, String predictor, String table,
      String id) throws SQLException {
    List<Double> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT PREDICT_PROBA('" + predictor + "') FROM "
             + table + " ORDER BY " + id)) {
      while (rs.next()) {
        values.add(rs.getDouble(1));
      }
    }
    assertEquals(200, values.size());
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
