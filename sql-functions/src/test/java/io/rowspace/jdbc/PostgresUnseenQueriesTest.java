package io.rowspace.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@link UnseenQueries} on PostgreSQL ({@code ROWSPACE_TEST_POSTGRES_URL}): the same queries and
 * PostgreSQL's own dialect beside model calls mean what PostgreSQL says they mean.
 */
class PostgresUnseenQueriesTest {

  @Test
  void queriesMeanWhatPostgresSays() throws SQLException {
    String backing = TestPostgres.url();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP TABLE IF EXISTS penguins");
    }
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
        + (backing.contains("?") ? "&" : "?") + "stringtype=unspecified";
    try (Connection connection = DriverManager.getConnection(url)) {
      SharedDatasets.load(connection, "penguins", "penguins", "penguins", id -> true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 3)");
        statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species "
            + "WITH (epochs = 8)");
      }
      DifferentialCheck differential = new DifferentialCheck(connection, true);
      UnseenQueries.checkAll(differential, UnseenQueries.portable());
      UnseenQueries.checkAll(differential, UnseenQueries.postgres());
      UnseenQueries.checkRefused(connection, UnseenQueries.postgresNotYet());
      UnseenQueries.checkModelPositions(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP PREDICTOR sp");
        statement.execute("DROP EMBEDDING SPACE penguin_space");
        statement.execute("DROP TABLE penguins");
      }
    }
  }
}
