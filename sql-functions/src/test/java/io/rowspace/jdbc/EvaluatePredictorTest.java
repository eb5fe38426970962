package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.testsupport.RocAuc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user sees from {@code EVALUATE PREDICTOR}, the curve functions, {@code
 * FEATURE_IMPORTANCE} and the model card of {@code DESCRIBE PREDICTOR} on H2: figures equal to
 * those computed here from {@code PREDICT_PROBA} and {@code PREDICT} over the same rows, the
 * planted signal column ranked first, and the errors of SPEC section 9.
 */
class EvaluatePredictorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Connection connection;

  @BeforeAll
  static void predictors() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:evaluate_predictor");
    EvaluationData.create(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE accounts_space ON accounts "
          + "WITH (epochs = 3, d_model = 16)");
      statement.execute("CREATE PREDICTOR churn ON accounts_space TARGET churned "
          + "WITH (positive_label = 'yes', epochs = 10)");
      statement.execute("CREATE PREDICTOR spend_p ON accounts_space TARGET spend "
          + "WITH (epochs = 10)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** The rows of a result set, by upper-cased column label. */
  static List<Map<String, Object>> rows(Statement statement, String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          row.put(meta.getColumnLabel(c).toUpperCase(java.util.Locale.ROOT), rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static double number(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).doubleValue();
  }

  @Test
  void evaluateGivesTheFiguresPredictProbaGivesOnTheSameRows() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<Map<String, Object>> result = rows(statement,
          "EVALUATE PREDICTOR churn ON accounts_new");
      assertEquals(1, result.size(), "one row: the predictor");
      Map<String, Object> row = result.get(0);
      assertEquals("CHURN", row.get("MODEL"));
      assertEquals("predictor", row.get("KIND"));
      String warning = statement.getWarnings().getMessage();
      assertTrue(warning.contains("30 row(s) of table ACCOUNTS_NEW have NULL in CHURNED"),
          warning);
      EvaluationData.Scored s = EvaluationData.scored(connection, "churn", "accounts_new");
      assertEquals(270, s.positive().length);
      assertEquals(270L, row.get("ROWS"));
      assertEquals(RocAuc.of(s.probability(), s.positive()), number(row, "AUC"), 1e-12);
      assertEquals(EvaluationData.accuracy(s), number(row, "ACCURACY"), 1e-12);
      assertEquals(EvaluationData.f1(s), number(row, "F1"), 1e-12);
      assertEquals(EvaluationData.logLoss(s), number(row, "LOG_LOSS"), 1e-9);
      assertEquals(EvaluationData.calibrationError(s), number(row, "CALIBRATION_ERROR"), 1e-9);
      assertNull(row.get("RMSE"), "regression metrics are NULL for a classifier");
      assertTrue(number(row, "AUC") > 0.8, "the signal is learnable: " + row);
    }
  }

  @Test
  void evaluateOnAQueryMeasuresItsRowsOnly() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      Map<String, Object> row = rows(statement, "EVALUATE PREDICTOR churn ON "
          + "(SELECT * FROM accounts_new WHERE plan = 'pro' AND id > 40)").get(0);
      EvaluationData.Scored s = EvaluationData.scored(connection, "churn",
          "accounts_new",
          "plan = 'pro' AND id > 40");
      assertEquals((long) s.positive().length, row.get("ROWS"));
      assertEquals(RocAuc.of(s.probability(), s.positive()), number(row, "AUC"), 1e-12);
    }
  }

  @Test
  void regressionFiguresEqualThoseOfPredictAndTheIntervals() throws Exception {
    try (Statement statement = connection.createStatement()) {
      Map<String, Object> row = rows(statement, "EVALUATE PREDICTOR spend_p ON accounts_new")
          .get(0);
      double se = 0;
      double ae = 0;
      double sum = 0;
      int inside = 0;
      List<double[]> pairs = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SELECT spend, PREDICT('spend_p'), "
          + "PREDICT_DETAILS('spend_p') FROM accounts_new WHERE spend IS NOT NULL")) {
        while (rs.next()) {
          double actual = rs.getDouble(1);
          double predicted = rs.getDouble(2);
          JsonNode interval = JSON.readTree(rs.getString(3)).path("confidence_interval");
          inside += actual >= interval.get(0).asDouble() && actual <= interval.get(1).asDouble()
              ? 1 : 0;
          pairs.add(new double[] {actual, predicted});
          sum += actual;
        }
      }
      double mean = sum / pairs.size();
      double total = 0;
      for (double[] p : pairs) {
        se += (p[1] - p[0]) * (p[1] - p[0]);
        ae += Math.abs(p[1] - p[0]);
        total += (p[0] - mean) * (p[0] - mean);
      }
      assertEquals((long) pairs.size(), row.get("ROWS"));
      assertEquals(Math.sqrt(se / pairs.size()), number(row, "RMSE"), 1e-9);
      assertEquals(ae / pairs.size(), number(row, "MAE"), 1e-9);
      assertEquals(1 - se / total, number(row, "R2"), 1e-9);
      assertEquals(inside / (double) pairs.size(), number(row, "INTERVAL_COVERAGE"), 1e-12);
      assertNull(row.get("AUC"));
    }
  }

  @Test
  void baselinesAreMeasuredOnTheSameRowsBesideThePredictor() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      Map<String, Object> alone = rows(statement, "EVALUATE PREDICTOR churn ON accounts_new")
          .get(0);
      List<Map<String, Object>> result = rows(statement,
          "EVALUATE PREDICTOR churn ON accounts_new WITH (baselines = true)");
      assertEquals(List.of("CHURN", "logistic_regression", "boosted_trees"),
          result.stream().map(r -> r.get("MODEL")).toList());
      assertEquals(alone, result.get(0), "the predictor's row does not change");
      for (Map<String, Object> baseline : result.subList(1, 3)) {
        assertEquals("baseline", baseline.get("KIND"));
        assertEquals(270L, baseline.get("ROWS"));
        // churned follows signal, a raw column: both baselines find it.
        assertTrue(number(baseline, "AUC") > 0.8, baseline.toString());
        assertTrue(number(baseline, "LOG_LOSS") > 0, baseline.toString());
      }
      List<Map<String, Object>> again = rows(statement,
          "EVALUATE PREDICTOR churn ON accounts_new WITH (baselines = true)");
      assertEquals(result, again, "same rows and seed, same baselines");

      List<Map<String, Object>> regression = rows(statement,
          "EVALUATE PREDICTOR spend_p ON accounts_new WITH (baselines = TRUE)");
      assertEquals(List.of("SPEND_P", "linear_regression", "boosted_trees"),
          regression.stream().map(r -> r.get("MODEL")).toList());
      // spend = 20 * plan + 3 * usage + noise: a linear model of the raw columns explains most.
      assertTrue(number(regression.get(1), "R2") > 0.8, regression.toString());
      assertNull(regression.get(1).get("INTERVAL_COVERAGE"), "baselines give no intervals");
    }
  }

  @Test
  void curvesAgreeWithTheRowsAndWithEvaluate() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      EvaluationData.Scored s = EvaluationData.scored(connection, "churn", "accounts_new");
      Map<String, Long> expected = new HashMap<>();
      for (int i = 0; i < s.positive().length; i++) {
        expected.merge((s.positive()[i] ? "yes" : "no") + "->"
            + (s.predictedPositive()[i] ? "yes" : "no"), 1L, Long::sum);
      }
      List<Map<String, Object>> matrix = rows(statement,
          "SELECT actual, predicted, row_count FROM TABLE(CONFUSION_MATRIX('churn', "
              + "TABLE accounts_new)) ORDER BY actual, predicted");
      assertEquals(4, matrix.size(), "every pair of classes, zeros included");
      for (Map<String, Object> cell : matrix) {
        assertEquals(expected.getOrDefault(cell.get("ACTUAL") + "->" + cell.get("PREDICTED"),
            0L), cell.get("ROW_COUNT"), cell.toString());
      }

      List<Map<String, Object>> roc = rows(statement,
          "SELECT * FROM TABLE(ROC_CURVE('churn', TABLE accounts_new))");
      double area = 0;
      for (int i = 1; i < roc.size(); i++) {
        assertTrue(number(roc.get(i), "THRESHOLD") < number(roc.get(i - 1), "THRESHOLD"));
        area += (number(roc.get(i), "FPR") - number(roc.get(i - 1), "FPR"))
            * (number(roc.get(i), "TPR") + number(roc.get(i - 1), "TPR")) / 2;
      }
      assertEquals("yes", roc.get(0).get("LABEL"));
      assertEquals(1.0, number(roc.get(roc.size() - 1), "TPR"));
      assertEquals(1.0, number(roc.get(roc.size() - 1), "FPR"));
      assertEquals(RocAuc.of(s.probability(), s.positive()), area, 1e-12,
          "the curve's area is the AUC");

      List<Map<String, Object>> bins = rows(statement, "SELECT * FROM "
          + "TABLE(CALIBRATION_CURVE('churn', (SELECT * FROM accounts_new WHERE id <= 150)))");
      EvaluationData.Scored firstRows = EvaluationData.scored(connection, "churn",
          "accounts_new",
          "id <= 150");
      long counted = 0;
      for (Map<String, Object> bin : bins) {
        int b = ((Number) bin.get("BIN")).intValue();
        double sum = 0;
        int n = 0;
        int positives = 0;
        for (int i = 0; i < firstRows.probability().length; i++) {
          if (Math.min(9, (int) (firstRows.probability()[i] * 10)) == b - 1) {
            sum += firstRows.probability()[i];
            n++;
            positives += firstRows.positive()[i] ? 1 : 0;
          }
        }
        assertEquals((long) n, bin.get("ROW_COUNT"));
        assertEquals(sum / n, number(bin, "MEAN_PREDICTED"), 1e-12);
        assertEquals(positives / (double) n, number(bin, "OBSERVED_RATE"), 1e-12);
        counted += n;
      }
      assertEquals(firstRows.positive().length, counted);
    }
  }

  @Test
  void featureImportanceRanksThePlantedSignalFirstAndIsTheSameForTheSameSeed()
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<Map<String, Object>> importance = rows(statement,
          "SELECT * FROM TABLE(FEATURE_IMPORTANCE('churn')) ORDER BY rank");
      assertEquals("SIGNAL", importance.get(0).get("FEATURE"), importance.toString());
      assertEquals(1, ((Number) importance.get(0).get("RANK")).intValue());
      assertEquals("auc", importance.get(0).get("METRIC"));
      assertTrue(number(importance.get(0), "IMPORTANCE") > 0.05, importance.toString());
      assertTrue(number(importance.get(0), "IMPORTANCE")
          > 3 * Math.abs(number(importance.get(1), "IMPORTANCE")), importance.toString());
      for (Map<String, Object> row : importance) {
        assertTrue(number(row, "SPREAD") >= 0);
        assertEquals("column", row.get("KIND"));
      }
      List<Object> features = importance.stream().map(r -> r.get("FEATURE")).toList();
      for (String input : List.of("USAGE", "NOISE_A", "NOISE_B", "PLAN", "OPENED", "SPEND")) {
        assertTrue(features.contains(input), features.toString());
      }
      statement.execute("CREATE PREDICTOR churn_again ON accounts_space TARGET churned "
          + "WITH (positive_label = 'yes', epochs = 10)");
      assertEquals(importance, rows(statement,
          "SELECT * FROM TABLE(FEATURE_IMPORTANCE('churn_again')) ORDER BY rank"));
      statement.execute("DROP PREDICTOR churn_again");
    }
  }

  @Test
  void describePredictorIsAModelCard() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      Map<String, Object> card = rows(statement, "DESCRIBE PREDICTOR churn").get(0);
      assertEquals("CHURN", card.get("NAME"));
      assertEquals("BINARY", card.get("TASK"));
      assertNotNull(card.get("AUC"));
      assertEquals(600, ((Number) card.get("TRAINING_ROWS")).intValue());
      assertEquals("ACCOUNTS", card.get("TRAINING_TABLE"));
      assertEquals("OPENED", card.get("TRAINING_TIME_COLUMN"));
      Map<String, Object> span = rows(statement, "SELECT CAST(MIN(opened) AS VARCHAR) AS f, "
          + "CAST(MAX(opened) AS VARCHAR) AS t FROM accounts WHERE churned IS NOT NULL").get(0);
      assertEquals(span.get("F"), card.get("TRAINING_FROM"));
      assertEquals(span.get("T"), card.get("TRAINING_TO"));
      assertNotNull(card.get("CALIBRATION"));
      assertEquals(120, ((Number) card.get("VALIDATION_ROWS")).intValue(), 1.0,
          "a fifth of the training rows, per class");
      String distribution = (String) card.get("CLASS_DISTRIBUTION");
      assertTrue(distribution.matches("no 0\\.\\d{4}, yes 0\\.\\d{4}"), distribution);
      String blend = (String) card.get("BLEND_MEMBERS");
      assertTrue(blend.matches("(network|boosted_trees|linear) [01]\\.\\d{4}.*"), blend);
      assertTrue(((String) card.get("TOP_FEATURES")).startsWith("SIGNAL "),
          card.get("TOP_FEATURES").toString());
      Map<String, Object> regression = rows(statement, "DESCRIBE PREDICTOR spend_p").get(0);
      assertNull(regression.get("CLASS_DISTRIBUTION"));
      assertTrue(number(regression, "INTERVAL_COVERAGE") > 0.5, regression.toString());
    }
  }

  @Test
  void errorsNameTheObjectAndTheFix() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      SQLException unknown = assertThrows(SQLException.class,
          () -> statement.executeQuery("EVALUATE PREDICTOR chrun ON accounts_new"));
      assertEquals("42704", unknown.getSQLState());
      assertTrue(unknown.getMessage().contains("'CHRUN' does not exist"), unknown.getMessage());
      for (String query : List.of("SELECT * FROM TABLE(FEATURE_IMPORTANCE('chrun'))",
          "SELECT * FROM TABLE(ROC_CURVE('chrun', TABLE accounts_new))")) {
        assertEquals("42704", assertThrows(SQLException.class,
            () -> statement.executeQuery(query)).getSQLState(), query);
      }
      SQLException absent = assertThrows(SQLException.class, () -> statement.executeQuery(
          "EVALUATE PREDICTOR churn ON (SELECT id, signal, usage FROM accounts_new)"));
      assertEquals("42S22", absent.getSQLState());
      assertTrue(absent.getMessage().contains("Column 'CHURNED', the target of predictor "
          + "'CHURN', is not among the columns of the query (ID, SIGNAL, USAGE)"),
          absent.getMessage());
      SQLException absentInCurve = assertThrows(SQLException.class, () -> statement
          .executeQuery("SELECT * FROM TABLE(CONFUSION_MATRIX('churn', "
              + "(SELECT id, signal FROM accounts_new)))"));
      assertEquals("42S22", absentInCurve.getSQLState(), absentInCurve.getMessage());
      SQLException none = assertThrows(SQLException.class, () -> statement.executeQuery(
          "EVALUATE PREDICTOR churn ON (SELECT * FROM accounts_new WHERE churned IS NULL)"));
      assertEquals("22000", none.getSQLState());
      assertTrue(none.getMessage().contains("all 30 rows of the query have NULL in CHURNED"),
          none.getMessage());
      for (String options : List.of("(baselines = 'maybe')", "(folds = 3)",
          "(baselines = true, baselines = false)")) {
        SQLException bad = assertThrows(SQLException.class, () -> statement.executeQuery(
            "EVALUATE PREDICTOR churn ON accounts_new WITH " + options));
        assertEquals("22023", bad.getSQLState(), options + ": " + bad.getMessage());
      }
      SQLException regression = assertThrows(SQLException.class, () -> statement.executeQuery(
          "SELECT * FROM TABLE(ROC_CURVE('spend_p', TABLE accounts_new))"));
      assertEquals("22023", regression.getSQLState());
      assertTrue(regression.getMessage().contains("EVALUATE PREDICTOR SPEND_P"),
          regression.getMessage());
      SQLException table = assertThrows(SQLException.class,
          () -> statement.executeQuery("EVALUATE PREDICTOR churn ON no_such_table"));
      assertEquals("42S02", table.getSQLState());
    }
  }
}
