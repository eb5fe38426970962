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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  void rowsKeepTheOrderTheDatabaseGivesThemAndTheirOwnResultsOverSeveralBatches()
      throws SQLException {
    String calls = "id, PREDICT('default_risk') AS label, PREDICT_PROBA('default_risk', 'yes') "
        + "AS p, ANOMALY_SCORE('loan_space') AS a";
    // Each row's results from batches cut elsewhere in the rows: ids 1-1024, 1025-2048, ...
    Map<Integer, List<Object>> byId = new HashMap<>();
    for (List<Object> row : query("SELECT " + calls + " FROM loans ORDER BY id")) {
      byId.put((Integer) row.get(0), row.subList(1, 4));
    }
    // 3001 is prime, so this order is a permutation of the ids, sorted by the backing database.
    List<Integer> shuffled = new ArrayList<>();
    for (int id = 1; id <= 3000; id++) {
      shuffled.add(id);
    }
    shuffled.sort(Comparator.comparingInt(id -> id * 7919 % 3001));
    List<Integer> descending = new ArrayList<>(shuffled);
    descending.sort(Comparator.reverseOrder());
    Map<String, List<Integer>> queries = new LinkedHashMap<>();
    queries.put("SELECT " + calls + " FROM (SELECT * FROM loans ORDER BY MOD(id * 7919, 3001) "
        + "FETCH FIRST 3000 ROWS ONLY) t", shuffled);
    queries.put("SELECT " + calls + " FROM loans ORDER BY id DESC", descending);
    for (Map.Entry<String, List<Integer>> query : queries.entrySet()) {
      String plan = plan(query.getKey());
      // The backing database sorts (its query is the scan below the batched operator) and
      // Calcite keeps its order
      int models = plan.indexOf("EnumerableModelCalls");
      assertTrue(models >= 0 && plan.indexOf("ROWSPACE$BACKING") > models
          && !plan.contains("Sort"), "the rows are sorted below the batched operator: " + plan);
      List<List<Object>> rows = query(query.getKey());
      List<Integer> ids = new ArrayList<>();
      for (List<Object> row : rows) {
        ids.add((Integer) row.get(0));
      }
      assertEquals(query.getValue(), ids, query.getKey());
      for (List<Object> row : rows) {
        assertEquals(byId.get((Integer) row.get(0)), row.subList(1, 4), "row " + row.get(0));
      }
    }
    // The rows on either side of the shuffled query's batch boundaries, one at a time.
    try (PreparedStatement single = connection.prepareStatement("SELECT PREDICT('default_risk') "
        + "AS label, PREDICT_PROBA('default_risk', 'yes') AS p, ANOMALY_SCORE('loan_space') AS a "
        + "FROM loans WHERE id = ?")) {
      for (int position : new int[] {0, 1023, 1024, 2047, 2048, 2999}) {
        int id = shuffled.get(position);
        single.setInt(1, id);
        try (ResultSet rs = single.executeQuery()) {
          assertEquals(byId.get(id), results(rs).get(0), "row " + id + " alone");
        }
      }
    }
  }

  @Test
  void predictDetailsIsBatchedAndGivesEachRowTheJsonItGetsAlone() throws SQLException {
    String plan = plan("SELECT id, PREDICT_DETAILS('default_risk') FROM loans");
    assertTrue(plan.contains("EnumerableModelCalls(calls=[[PREDICT_DETAILS('DEFAULT_RISK'"),
        plan);
    assertFalse(plan.contains("ROWSPACE_PREDICT_DETAILS"), plan);
    Map<Integer, String> batched = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT_DETAILS('default_risk') "
             + "FROM loans WHERE MOD(id, 500) = 7")) {
      while (rs.next()) {
        batched.put(rs.getInt(1), rs.getString(2));
      }
    }
    assertEquals(6, batched.size());
    assertTrue(batched.values().iterator().next().contains("\"feature_importance\""),
        batched.values().iterator().next());
    try (PreparedStatement single = connection.prepareStatement(
        "SELECT PREDICT_DETAILS('default_risk') FROM loans WHERE id = ?")) {
      for (Map.Entry<Integer, String> row : batched.entrySet()) {
        single.setInt(1, row.getKey());
        try (ResultSet rs = single.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(row.getValue(), rs.getString(1), "row " + row.getKey());
        }
      }
    }
  }

  @Test
  void aJoinConditionPredictingRowByRowGetsTheBatchedResults() throws SQLException {
    String inputs = "amount => a.amount, term => b.term, grade => b.grade)";
    String sql = "WITH batched AS (SELECT id, term, grade, "
        + "PREDICT('default_risk', amount => amount, term => term, grade => grade) AS label, "
        + "PREDICT_PROBA('default_risk', 'yes', amount => amount, term => term, grade => grade) "
        + "AS p, PREDICT_DETAILS('default_risk', amount => amount, term => term, grade => grade) "
        + "AS d FROM loans WHERE MOD(id, 600) = 3) "
        + "SELECT a.id FROM loans a JOIN batched b ON b.id = a.id "
        + "AND PREDICT('default_risk', " + inputs + " = b.label "
        + "AND PREDICT_PROBA('default_risk', 'yes', " + inputs + " = b.p "
        + "AND PREDICT_DETAILS('default_risk', " + inputs + " = b.d ORDER BY a.id";
    String plan = plan(sql);
    // The join's condition calls the functions row by row; the common table, the batches.
    assertTrue(plan.matches("(?s).*Join\\(condition=[^\\n]*ROWSPACE_PREDICT_LABEL"
        + "[^\\n]*ROWSPACE_PREDICT_PROBA[^\\n]*ROWSPACE_PREDICT_DETAILS.*"), plan);
    assertTrue(plan.contains("EnumerableModelCalls"), plan);
    List<Integer> expected = new ArrayList<>();
    for (int id = 3; id <= 3000; id += 600) {
      expected.add(id);
    }
    List<Integer> kept = new ArrayList<>();
    for (List<Object> row : query(sql)) {
      kept.add((Integer) row.get(0));
    }
    assertEquals(expected, kept, "every row's label, probability and details are equal");
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
    String text = plan("SELECT id, PREDICT('default_risk'), PREDICT_PROBA('default_risk', 'yes') "
        + "FROM loans WHERE term > 24");
    assertTrue(text.contains("EnumerableModelCalls(calls=[[PREDICT_LABEL('DEFAULT_RISK'"), text);
    assertTrue(text.contains("PREDICT_PROBA('DEFAULT_RISK', 'yes'"), text);
    // The filter runs below the model calls, in the backing database's query that Calcite
    // scans: only the rows it keeps are predicted.
    int models = text.indexOf("EnumerableModelCalls");
    assertTrue(text.indexOf("ROWSPACE$BACKING", models) > models, text);
    assertFalse(text.contains("Filter"), text);
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

  private static String plan(String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR " + query)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return results(rs);
    }
  }

  /** The rows of a result set, each as its column values. */
  private static List<List<Object>> results(ResultSet rs) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
