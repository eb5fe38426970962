package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Queries over many rows evaluate their model calls in batches; a row gets the same result as
 * when it is evaluated on its own, and rows keep the order the query asks for.
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
    // One row at a time: a LIMIT without ORDER BY is evaluated row by row.
    try (PreparedStatement single = connection.prepareStatement("SELECT PREDICT('default_risk') "
        + "AS label, PREDICT_PROBA('default_risk', 'yes') AS p, ANOMALY_SCORE('loan_space') AS a "
        + "FROM loans WHERE id = ? FETCH FIRST 1 ROWS ONLY")) {
      for (int id = 1; id <= 3000; id += 149) {
        single.setInt(1, id);
        try (ResultSet rs = single.executeQuery()) {
          rs.next();
          assertEquals(batched.get(id), rs.getString(1), "row " + id);
          // A batch and a single row go through different BLAS kernels, so floats differ in
          // their last bits: probabilities agree to 1e-6, and the anomaly score, a
          // standardised distance, to 1e-3.
          assertEquals(batchedProbabilities.get(id), rs.getDouble(2), 1e-6, "row " + id);
          assertEquals(batchedScores.get(id), rs.getDouble(3), 1e-3, "row " + id);
        }
      }
    }
  }
}
