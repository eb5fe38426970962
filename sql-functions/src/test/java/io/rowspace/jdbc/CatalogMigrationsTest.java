package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog records the migrations it had in {@code ROWSPACE.CATALOG_VERSION}: a new database
 * gets each once, however many connections open it; a catalog written before versions were
 * recorded is brought to the current shape (its rows kept) and recorded; a catalog whose schema
 * was dropped is created again.
 */
class CatalogMigrationsTest {

  @Test
  void eachMigrationRunsOncePerDatabase() throws SQLException {
    String url = "jdbc:rowspace:h2:mem:catalog_migrations_once;DB_CLOSE_DELAY=-1";
    for (int i = 0; i < 3; i++) {
      try (Connection connection = DriverManager.getConnection(url)) {
        assertEquals(List.of(1), versions(connection));
      }
    }
  }

  @Test
  void aCatalogFromBeforeVersionsIsMigratedAndKeepsItsRows() throws SQLException {
    String database = "h2:mem:catalog_migrations_old;DB_CLOSE_DELAY=-1";
    try (Connection plain = DriverManager.getConnection("jdbc:" + database);
        Statement s = plain.createStatement()) {
      s.execute("CREATE SCHEMA ROWSPACE");
      // JOBS as the first catalogs had it: no owner, no heartbeat.
      s.execute("CREATE TABLE ROWSPACE.JOBS (job_id VARCHAR(64) PRIMARY KEY, kind VARCHAR(32), "
          + "model VARCHAR(256), state VARCHAR(16), progress DOUBLE PRECISION, "
          + "eta_seconds DOUBLE PRECISION, started_at TIMESTAMP, finished_at TIMESTAMP, "
          + "message VARCHAR(4000))");
      s.execute("INSERT INTO ROWSPACE.JOBS (job_id, kind, model, state, message) "
          + "VALUES ('j1', 'CREATE PREDICTOR', 'P', 'DONE', 'done')");
    }
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:" + database);
        Statement statement = connection.createStatement()) {
      assertEquals(List.of(1), versions(connection));
      try (ResultSet rs = statement.executeQuery(
          "SELECT state, owner, heartbeat_at FROM ROWSPACE.JOBS WHERE job_id = 'j1'")) {
        assertTrue(rs.next(), "the old job row is kept");
        assertEquals("DONE", rs.getString(1));
        assertEquals(null, rs.getString(2));
      }
      try (ResultSet rs = statement.executeQuery("SHOW PREDICTORS")) {
        assertTrue(!rs.next(), "the tables the old catalog lacked exist now");
      }
    }
  }

  @Test
  void aDroppedCatalogIsCreatedAgain() throws SQLException {
    String database = "h2:mem:catalog_migrations_dropped;DB_CLOSE_DELAY=-1";
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:" + database)) {
      assertEquals(List.of(1), versions(connection));
    }
    try (Connection plain = DriverManager.getConnection("jdbc:" + database);
        Statement s = plain.createStatement()) {
      s.execute("DROP SCHEMA ROWSPACE CASCADE");
    }
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:" + database);
        Statement statement = connection.createStatement()) {
      assertEquals(List.of(1), versions(connection));
      try (ResultSet rs = statement.executeQuery("SHOW EMBEDDING SPACES")) {
        assertTrue(!rs.next());
      }
    }
  }

  private static List<Integer> versions(Connection connection) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT version FROM ROWSPACE.CATALOG_VERSION ORDER BY version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }
}
