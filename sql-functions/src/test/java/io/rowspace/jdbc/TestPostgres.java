package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the portability tests run on: {@code ROWSPACE_TEST_POSTGRES_URL}, a plain
 * {@code jdbc:postgresql:} URL. Without it a test is skipped, except under CI ({@code CI} set),
 * which must provide one ({@code .ci/run} starts it).
 */
public final class TestPostgres {
  private TestPostgres() {}

  /** The server's plain JDBC URL; skips the calling test when there is none outside CI. */
  public static String url() {
    String backing = System.getenv("ROWSPACE_TEST_POSTGRES_URL");
    if (backing == null) {
      assertTrue(System.getenv("CI") == null,
          "CI must provide a PostgreSQL server in ROWSPACE_TEST_POSTGRES_URL (see .ci/run)");
      Assumptions.abort("No PostgreSQL server: set ROWSPACE_TEST_POSTGRES_URL to run this test");
    }
    return backing;
  }

  /**
   * A Rowspace connection over the server with the shared penguins table loaded, a space over it
   * ({@code penguin_space}) and a predictor of the species ({@code sp}), after dropping what an
   * earlier run left. Parameters are sent untyped ({@code stringtype=unspecified}), so text loads
   * into PostgreSQL's typed columns. {@link #dropPenguins} removes them again.
   */
  public static Connection penguinsWithPredictor() throws SQLException {
    String backing = url();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP TABLE IF EXISTS penguins");
    }
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
        + (backing.contains("?") ? "&" : "?") + "stringtype=unspecified";
    Connection connection = DriverManager.getConnection(url);
    SharedDatasets.load(connection, "penguins", "penguins", "penguins", id -> true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species WITH (epochs = 8)");
    }
    return connection;
  }

  /** Drops what {@link #penguinsWithPredictor} made. */
  public static void dropPenguins(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP PREDICTOR sp");
      statement.execute("DROP EMBEDDING SPACE penguin_space");
      statement.execute("DROP TABLE penguins");
    }
  }
}
