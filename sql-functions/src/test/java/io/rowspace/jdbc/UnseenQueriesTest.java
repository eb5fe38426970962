package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.server.RowspaceServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

  /**
   * A DISTINCT ON whose kept rows would depend on a model call is refused where the user wrote
   * it, with the way to write it instead; that way gives the first row of each key.
   */
  @Test
  void distinctOnOrderedByAModelCallIsRefusedWithTheWindowThatDoesIt() throws SQLException {
    SQLException refused = assertThrows(SQLException.class, () -> UnseenQueries.rows(connection,
        "SELECT\n  DISTINCT ON (species) species, id FROM penguins\n"
            + "ORDER BY species, PREDICT_PROBA('sp') DESC"));
    assertEquals("0A000", refused.getSQLState());
    assertTrue(refused.getMessage().startsWith("DISTINCT ON (line 2, column 3)"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("ROW_NUMBER() OVER (PARTITION BY key"),
        refused.getMessage());
    List<List<Object>> firsts = UnseenQueries.rows(connection, "SELECT species, id FROM (SELECT "
        + "species, id, ROW_NUMBER() OVER (PARTITION BY species ORDER BY PREDICT_PROBA('sp') DESC, "
        + "id) AS rn FROM penguins) s WHERE rn = 1 ORDER BY species");
    assertEquals(3, firsts.size(), firsts.toString());
  }

  /**
   * PostgreSQL's constructs the grammar does not read beside a model call are refused where the
   * user wrote them, named, with the way to write them; the parser's own text is not shown.
   */
  @Test
  void constructsNotReadBesideAModelCallAreNamedWithTheirFix() {
    java.util.Map<String, String> constructs = new java.util.LinkedHashMap<>();
    constructs.put("UPDATE penguins SET sex = PREDICT('sp') FROM penguins q WHERE q.id = "
        + "penguins.id", "UPDATE ... FROM");
    constructs.put("INSERT INTO penguins (id) SELECT id + 1000 FROM penguins WHERE PREDICT('sp') "
        + "= 'x' RETURNING id", "RETURNING");
    constructs.put("DELETE FROM penguins WHERE PREDICT('sp') = 'x' RETURNING id", "RETURNING");
    constructs.put("SELECT id, PREDICT('sp') FROM penguins WHERE island LIKE ANY (ARRAY['Dr%'])",
        "LIKE ANY");
    constructs.put("SELECT id, PREDICT('sp') FROM ONLY penguins", "FROM ONLY");
    for (java.util.Map.Entry<String, String> c : constructs.entrySet()) {
      SQLException refused = assertThrows(SQLException.class,
          () -> UnseenQueries.rows(connection, c.getKey()), c.getKey());
      String word = c.getValue().replace("UPDATE ... ", "").replace("FROM ONLY", "ONLY")
          .replace("LIKE ANY", "LIKE");
      int column = c.getKey().lastIndexOf(" " + word + " ") + 2;
      assertEquals("0A000", refused.getSQLState(), refused.getMessage());
      assertTrue(refused.getMessage().startsWith(c.getValue()) && refused.getMessage()
          .contains("(line 1, column " + column + ")") && !refused.getMessage()
          .contains("Encountered"), refused.getMessage());
    }
  }

  @Test
  void arraysComputedBesideAModelCallReadAsH2WritesThem() throws SQLException {
    UnseenQueries.checkArrayTexts(connection);
  }

  @Test
  void h2DialectQueriesMeanWhatH2Says() {
    UnseenQueries.checkAll(new DifferentialCheck(connection, false), UnseenQueries.h2());
  }

  /**
   * H2's own types beside a model call, sent to H2 whole and sorted or grouped by Calcite around
   * the model call, come back as H2 gives them (values, classes, JDBC types and type names).
   */
  @Test
  void h2TypesKeepTheirValuesAndClasses() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE typed_values (k INT PRIMARY KEY, u UUID, js JSON, "
          + "ia INTEGER ARRAY, ta VARCHAR(20) ARRAY, ds INTERVAL DAY TO SECOND, "
          + "ym INTERVAL YEAR TO MONTH, tz TIMESTAMP WITH TIME ZONE, n NUMERIC, "
          + "b VARBINARY(16))");
      statement.execute("INSERT INTO typed_values SELECT X, "
          + "CAST(LPAD(CAST(X AS VARCHAR), 8, '0') || '-1234-4abc-8def-0123456789ab' AS UUID), "
          + "JSON_OBJECT('id': X, 'name': 'p' || X), ARRAY[X, X * 2, NULL], "
          + "ARRAY['a' || X, 'b,\"c\"', NULL], INTERVAL '1 02:03:04.5' DAY TO SECOND * X, "
          + "INTERVAL '1-2' YEAR TO MONTH * X, "
          + "TIMESTAMP WITH TIME ZONE '2024-03-01 10:00:00.123+02:00' + X * INTERVAL '1' HOUR, "
          + "X / 7.0, CAST(X AS VARBINARY(4)) FROM SYSTEM_RANGE(1, 12)");
      statement.execute("INSERT INTO typed_values (k) VALUES (13)");
    }
    DatabaseTypesCheck check = new DatabaseTypesCheck(connection, connection);
    String columns = "t.k, t.u, t.js, t.ia, t.ta, t.ds, t.ym, t.tz, t.n, t.b";
    String plain = "SELECT " + columns + " FROM typed_values t JOIN penguins p ON p.id = t.k";
    // H2's getString of a binary string gives its bytes as characters, Rowspace's gives hex
    java.util.Set<String> notText = java.util.Set.of("B");
    try {
      check.check(plain, "SELECT " + columns + ", PREDICT('sp') AS p FROM typed_values t "
          + "JOIN penguins p ON p.id = t.k ORDER BY t.k", notText);
      check.check(plain, "SELECT " + columns + ", PREDICT('sp') AS p FROM typed_values t "
          + "JOIN penguins p ON p.id = t.k WHERE PREDICT('sp') IS NOT NULL ORDER BY p, t.k",
          notText);
      check.check("SELECT t.k, t.u, t.ia, t.ds, t.tz FROM typed_values t JOIN penguins p "
          + "ON p.id = t.k", "SELECT t.k, t.u, t.ia, t.ds, t.tz, MAX(PREDICT('sp')) AS p "
          + "FROM typed_values t JOIN penguins p ON p.id = t.k GROUP BY t.k, t.u, t.ia, t.ds, "
          + "t.tz", notText);
      // the same over the server, as a BI tool reads them
      try (RowspaceServer server = RowspaceServer.start("jdbc:rowspace:h2:mem:unseen_queries",
          0, null);
           Connection client = DriverManager.getConnection(server.clientUrl("localhost"))) {
        // Avatica's server sends no UUID, INTERVAL or TIMESTAMP WITH TIME ZONE objects, with or
        // without a model call ("Unhandled type in Frame"); its client's getString of bytes (JSON
        // is bytes to H2's driver) is the array's identity, so those are compared by value
        String served = "t.k, t.js, t.ia, t.ta, t.n, t.b";
        new DatabaseTypesCheck(client, client).check("SELECT " + served + " FROM typed_values t "
            + "JOIN penguins p ON p.id = t.k", "SELECT " + served + ", PREDICT('sp') AS p "
            + "FROM typed_values t JOIN penguins p ON p.id = t.k WHERE PREDICT('sp') IS NOT NULL "
            + "ORDER BY p, t.k", java.util.Set.of("JS", "B"));
      }
    } finally {
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE typed_values");
      }
    }
  }

  @Test
  void modelCallsAnywhereAgree() throws SQLException {
    UnseenQueries.checkModelPositions(connection);
    UnseenQueries.checkErrors(connection);
  }
}
