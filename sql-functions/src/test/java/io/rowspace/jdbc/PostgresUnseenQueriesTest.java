package io.rowspace.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * {@link UnseenQueries} on PostgreSQL ({@code ROWSPACE_TEST_POSTGRES_URL}): the same queries and
 * PostgreSQL's own dialect beside model calls mean what PostgreSQL says they mean.
 */
class PostgresUnseenQueriesTest {

  @Test
  void queriesMeanWhatPostgresSays() throws SQLException {
    try (Connection connection = TestPostgres.penguinsWithPredictor()) {
      DifferentialCheck differential = new DifferentialCheck(connection, true);
      UnseenQueries.checkAll(differential, UnseenQueries.portable());
      UnseenQueries.checkAll(differential, UnseenQueries.postgres());
      UnseenQueries.checkRefused(connection, UnseenQueries.postgresNotYet());
      UnseenQueries.checkModelPositions(connection);
      UnseenQueries.checkErrors(connection);
      TestPostgres.dropPenguins(connection);
    }
  }
}
