package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries over many rows evaluate their model calls in batches, in a plan operator of their own;
 * a row gets exactly the same result as when it is evaluated on its own, and rows keep the order
 * the query asks for.
 */
class BatchedEvaluationTest {
  private static Connection connection;

  @BeforeAll
  static void predictor() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:batched");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE loans (id INTEGER PRIMARY KEY, amount DOUBLE PRECISION, "
          + "term INTEGER, grade VARCHAR(1), defaulted VARCHAR(3))");
      statement.execute("INSERT INTO loans SELECT x, MOD(x * 37, 1000) * 10.0, 12 * (1 + MOD(x, 5)), "
          + "CHAR(65 + MOD(x * 7, 4)), CASE WHEN MOD(x * 37, 1000) > 600 AND MOD(x * 7, 4) > 1 "
          + "THEN 'yes' ELSE 'no' END FROM SYSTEM_RANGE(1, 3000)");
      statement.execute("CREATE EMBEDDING SPACE loan_space ON loans WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR default_risk ON loan_space TARGET defaulted "
          + "WITH (epochs = 10)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void batchedResultsEqualRowByRowResultsInTheOrderAsked() throws SQLException {
    Map<Integer, String> batched = new LinkedHashMap<>();
    Map<Integer, Double> batchedProbabilities = new LinkedHashMap<>();
    Map<Integer, Double> batchedScores = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT('default_risk') AS label, "
             + "PREDICT_PROBA('default_risk', 'yes') AS p, ANOMALY_SCORE('loan_space') AS a "
             + "FROM loans ORDER BY id DESC")) {
      while (rs.next()) {
        batched.put(rs.getInt(1), rs.getString(2));
        batchedProbabilities.put(rs.getInt(1), rs.getDouble(3));
        batchedScores.put(rs.getInt(1), rs.getDouble(4));
      }
    }
    assertEquals(3000, batched.size());
    assertEquals(3000, batched.keySet().iterator().next(), "ORDER BY id DESC is kept");
    // One row at a time, by a prepared statement: a batch of one row.
    try (PreparedStatement single = connection.prepareStatement("SELECT PREDICT('default_risk') "
        + "AS label, PREDICT_PROBA('default_risk', 'yes') AS p, ANOMALY_SCORE('loan_space') AS a "
        + "FROM loans WHERE id = ?")) {
      for (int id = 1; id <= 3000; id += 149) {
        single.setInt(1, id);
        try (ResultSet rs = single.executeQuery()) {
          rs.next();
          assertEquals(batched.get(id), rs.getString(1), "row " + id);
          assertEquals(batchedProbabilities.get(id), rs.getDouble(2), 0.0, "row " + id);
          assertEquals(batchedScores.get(id), rs.getDouble(3), 0.0, "row " + id);
        }
      }
    }
    // Rows given by values, not read from the table: the same model on the same inputs.
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT_PROBA('default_risk', 'yes', "
             + "amount => amount, term => term, grade => grade) FROM loans "
             + "WHERE id IN (7, 1500, 2999)")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertEquals(batchedProbabilities.get(rs.getInt(1)), rs.getDouble(2), 0.0,
            "row " + rs.getInt(1));
      }
      assertEquals(3, rows);
    }
  }

  @Test
  void aFilterOnAPredictionKeepsExactlyTheRowsWhoseProbabilityPassesIt() throws SQLException {
    Map<Integer, Double> probabilities = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT_PROBA('default_risk', 'yes') "
             + "FROM loans WHERE MOD(id, 3) = 0")) {
      while (rs.next()) {
        probabilities.put(rs.getInt(1), rs.getDouble(2));
      }
    }
    assertEquals(1000, probabilities.size(), "the WHERE without a model call is applied");
    long expected = probabilities.values().stream().filter(p -> p > 0.5).count();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id FROM loans WHERE MOD(id, 3) = 0 "
             + "AND PREDICT_PROBA('default_risk', 'yes') > 0.5 ORDER BY id")) {
      long kept = 0;
      int previous = 0;
      while (rs.next()) {
        kept++;
        int id = rs.getInt(1);
        assertTrue(id > previous, "ORDER BY id");
        assertTrue(probabilities.get(id) > 0.5, "row " + id);
        previous = id;
      }
      assertEquals(expected, kept);
    }
  }

  @Test
  void thePlanEvaluatesModelCallsInABatchedOperatorAfterTheFilter() throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR SELECT id, "
             + "PREDICT('default_risk'), PREDICT_PROBA('default_risk', 'yes') "
             + "FROM loans WHERE term > 24")) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    String text = plan.toString();
    assertTrue(text.contains("EnumerableModelCalls(calls=[[PREDICT_LABEL('DEFAULT_RISK'"), text);
    assertTrue(text.contains("PREDICT_PROBA('DEFAULT_RISK', 'yes'"), text);
    // The filter runs below the model calls: only the rows it keeps are predicted.
    int models = text.indexOf("EnumerableModelCalls");
    int filter = text.indexOf(">($", models);
    assertTrue(filter > models, text);
    // One operator for both calls, and no per-row call left.
    assertEquals(models, text.lastIndexOf("EnumerableModelCalls"), text);
    assertFalse(text.substring(0, models).contains("ROWSPACE_PREDICT"), text);
  }

  @Test
  void aCancelledQueryStopsBeforeItsNextBatch() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT('default_risk') FROM loans")) {
      assertTrue(rs.next());
      statement.cancel();
      SQLException stopped = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          // the rest of the first batch is already computed
        }
      });
      assertEquals("57014", stopped.getSQLState(), stopped.getMessage());
    }
  }
}
