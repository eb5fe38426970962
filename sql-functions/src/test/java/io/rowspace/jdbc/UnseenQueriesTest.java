package io.rowspace.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UnseenQueries} on H2: BI-tool and user queries beside model calls mean what H2 says
 * they mean, and model calls anywhere in a query agree with each other.
 */
class UnseenQueriesTest {
  private static Connection connection;

  @BeforeAll
  static void penguins() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:unseen_queries");
    SharedDatasets.load(connection, "penguins", "penguins", "penguins", id -> true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species "
          + "WITH (epochs = 8)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void portableQueriesMeanWhatH2Says() {
    UnseenQueries.checkAll(new DifferentialCheck(connection, false), UnseenQueries.portable());
  }

  @Test
  void h2DialectQueriesMeanWhatH2Says() {
    UnseenQueries.checkAll(new DifferentialCheck(connection, false), UnseenQueries.h2());
  }

  @Test
  void modelCallsAnywhereAgree() throws SQLException {
    UnseenQueries.checkModelPositions(connection);
  }
}
