package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
      intervalsComputedBesideAModelCall(connection);
      UnseenQueries.checkArrayTexts(connection);
      TestPostgres.dropPenguins(connection);
    }
  }

  /**
   * Where Calcite computes around a model call, an interval written without a qualifier has the
   * value PostgreSQL gives it ({@code INTERVAL '2 days 03:00'}, {@code '3 hours ago'}).
   */
  private static void intervalsComputedBesideAModelCall(Connection connection)
      throws SQLException {
    List<List<Object>> rows = UnseenQueries.rows(connection, "SELECT id, "
        + "TIMESTAMP '2024-01-01 10:00' + CASE WHEN PREDICT('sp') IS NULL THEN INTERVAL '1 day' "
        + "ELSE INTERVAL '2 days 03:00' END AS later, TIMESTAMP '2024-01-01 10:00:00' + CASE WHEN "
        + "PREDICT('sp') IS NULL THEN INTERVAL '1 day' ELSE INTERVAL '3 hours ago' END AS earlier "
        + "FROM penguins WHERE id < 3 ORDER BY id");
    assertEquals(2, rows.size(), rows.toString());
    for (List<Object> row : rows) {
      assertEquals("2024-01-03 13:00:00", String.valueOf(row.get(1)).substring(0, 19), row.toString());
      assertEquals("2024-01-01 07:00:00", String.valueOf(row.get(2)).substring(0, 19), row.toString());
    }
  }
}
