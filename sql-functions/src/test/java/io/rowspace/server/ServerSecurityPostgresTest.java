package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.jdbc.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's roles over PostgreSQL: the read and write roles reach it as login roles of their
 * own, so PostgreSQL itself refuses their changes, server files and tables.
 *
 * <p>The server comes from {@code ROWSPACE_TEST_POSTGRES_URL} (a {@code jdbc:postgresql:} URL of
 * an account that may create roles); {@code .ci/run} starts one, so in CI the test must run.
 */
class ServerSecurityPostgresTest {
  private static String backing() {
    String backing = TestPostgres.url();
    return backing;
  }

  private static Connection connect(RowspaceServer server, String user, String password)
      throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return DriverManager.getConnection(server.clientUrl(), info);
  }

  private static SQLException refused(Connection connection, String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }, sql);
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void readersAndWritersGetOnlyTheirRolesRightsOnPostgres(@TempDir Path directory)
      throws Exception {
    String backing = backing();
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:");
    try (Connection local = DriverManager.getConnection(url);
         Statement statement = local.createStatement()) {
      statement.execute("DROP PREDICTOR IF EXISTS sec_kind");
      statement.execute("DROP EMBEDDING SPACE IF EXISTS sec_space CASCADE");
      statement.execute("DROP PREDICTOR IF EXISTS sec_writer_kind");
      statement.execute("DROP EMBEDDING SPACE IF EXISTS sec_writer_space CASCADE");
      statement.execute("DROP TABLE IF EXISTS sec_plants");
      statement.execute("CREATE TABLE sec_plants (id INTEGER PRIMARY KEY, height DOUBLE "
          + "PRECISION, leaves INTEGER, kind VARCHAR(10))");
      statement.execute("INSERT INTO sec_plants SELECT x, MOD(x * 17, 100) / 10.0, "
          + "MOD(x * 7, 30), CASE WHEN MOD(x * 17, 100) > 50 THEN 'tree' ELSE 'shrub' END "
          + "FROM generate_series(1, 300) AS x");
      statement.execute("CREATE EMBEDDING SPACE sec_space ON sec_plants WITH (epochs = 1)");
      statement.execute("CREATE PREDICTOR sec_kind ON sec_space TARGET kind WITH (epochs = 2)");
    }
    Path users = directory.resolve("users.txt");
    UsersFile.empty().with("reader", Role.READ, "reader-pass".toCharArray())
        .with("writer", Role.WRITE, "writer-pass".toCharArray()).write(users);
    Path stolen = directory.resolve("stolen.csv");
    try (RowspaceServer server = RowspaceServer.start(ServerOptions.serving(url).withPort(0)
        .withUsers(users))) {
      try (Connection reader = connect(server, "reader", "reader-pass")) {
        assertEquals(300, count(reader, "SELECT COUNT(*) FROM sec_plants"));
        assertEquals(5, count(reader, "SELECT COUNT(*) FROM (SELECT PREDICT('sec_kind') AS k "
            + "FROM sec_plants WHERE id <= 5) AS p"));
        for (String sql : new String[] {
            "INSERT INTO sec_plants VALUES (1000, 1, 1, 'tree')",
            "DELETE FROM sec_plants",
            "CREATE TABLE sec_loot (x INT)",
            "SELECT pg_read_file('/etc/hostname')",
            "COPY sec_plants TO '" + stolen + "'",
            "CREATE EMBEDDING SPACE sec_stolen ON sec_plants WITH (epochs = 1)",
            "DROP PREDICTOR sec_kind"}) {
          SQLException e = refused(reader, sql);
          assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("has role read"), e.getMessage());
        }
      }
      try (Connection writer = connect(server, "writer", "writer-pass");
           Statement statement = writer.createStatement()) {
        statement.execute("UPDATE sec_plants SET leaves = leaves + 1 WHERE id = 1");
        statement.execute("CREATE EMBEDDING SPACE sec_writer_space ON sec_plants "
            + "WITH (epochs = 1)");
        statement.execute("CREATE PREDICTOR sec_writer_kind ON sec_writer_space TARGET kind "
            + "WITH (epochs = 2)");
        assertEquals(3, count(writer, "SELECT COUNT(*) FROM (SELECT "
            + "PREDICT('sec_writer_kind') AS k FROM sec_plants WHERE id <= 3) AS p"));
        for (String sql : new String[] {
            "SELECT pg_read_file('/etc/hostname')",
            "COPY sec_plants TO '" + stolen + "'",
            "COPY sec_plants FROM PROGRAM 'id'",
            "CREATE TABLE sec_loot (x INT)",
            "ALTER ROLE CURRENT_USER SUPERUSER"}) {
          SQLException e = refused(writer, sql);
          assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        }
        statement.execute("DROP PREDICTOR sec_writer_kind");
        statement.execute("DROP EMBEDDING SPACE sec_writer_space");
      }
    }
    assertTrue(!Files.exists(stolen));
  }
}
