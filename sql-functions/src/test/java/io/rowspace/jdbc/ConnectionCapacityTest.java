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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The number of open client connections is bounded by the backing database, not by Rowspace's
 * internal pool (16 connections): 40 connections stay open and each runs PREDICT, also while
 * every one of them holds an unfinished PREDICT result open. (Before, the 16th connection could
 * not open and every PREDICT failed after waiting 30 s for a pool connection.)
 */
class ConnectionCapacityTest {
  private static final String URL = "jdbc:rowspace:h2:mem:connection_capacity";
  private static final int CLIENTS = 40;
  private static Connection first;

  @BeforeAll
  static void smallPredictor() throws SQLException {
    first = DriverManager.getConnection(URL);
    try (Statement statement = first.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, plan VARCHAR(10), "
          + "minutes INTEGER, churned VARCHAR(3))");
      statement.execute("INSERT INTO visits SELECT X, CASE MOD(X, 3) WHEN 0 THEN 'pro' "
          + "ELSE 'free' END, MOD(X * 7, 50), CASE WHEN MOD(X * 7, 50) < 15 THEN 'yes' "
          + "ELSE 'no' END FROM SYSTEM_RANGE(1, 120)");
      statement.execute("CREATE EMBEDDING SPACE visit_space ON visits "
          + "WITH (epochs = 1, d_model = 8, sentence_model = false)");
      statement.execute("CREATE PREDICTOR churn ON visit_space TARGET churned "
          + "WITH (epochs = 1, trees = false)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    first.close();
  }

  @Test
  void fortyOpenConnectionsEachRunPredict() throws SQLException {
    List<Connection> clients = new ArrayList<>();
    List<ResultSet> unfinished = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(DriverManager.getConnection(URL));
      }
      for (Connection client : clients) {
        Statement statement = client.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT id, PREDICT('churn') FROM visits ORDER BY id");
        assertTrue(rows.next());
        assertTrue(List.of("yes", "no").contains(rows.getString(2).trim()));
        unfinished.add(rows);
      }
      for (ResultSet rows : unfinished) {
        int count = 1;
        while (rows.next()) {
          count++;
        }
        assertEquals(120, count);
      }
    } finally {
      for (Connection client : clients) {
        client.close();
      }
    }
  }

  @Test
  void aQueryReadsWhatItsOwnTransactionWrote() throws SQLException {
    try (Connection client = DriverManager.getConnection(URL);
         Statement statement = client.createStatement()) {
      client.setAutoCommit(false);
      statement.execute("INSERT INTO visits VALUES (1000, 'pro', 3, NULL)");
      try (ResultSet rows = statement.executeQuery(
          "SELECT id, PREDICT('churn') FROM visits WHERE id = 1000")) {
        assertTrue(rows.next(), "the uncommitted row is scored on its own connection");
      }
      client.rollback();
    }
  }
}
