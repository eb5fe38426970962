package io.rowspace.jdbc;

import static io.rowspace.jdbc.EvaluatePredictorTest.number;
import static io.rowspace.jdbc.EvaluatePredictorTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.testsupport.RocAuc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code EVALUATE PREDICTOR}, the curve functions, {@code FEATURE_IMPORTANCE} and the model card
 * on a real PostgreSQL server: lower-case names, PostgreSQL's dialect for the rows' query, and
 * the same figures as {@code PREDICT_PROBA} gives over the same rows. The server comes from
 * {@code ROWSPACE_TEST_POSTGRES_URL}; CI ({@code CI=true}) requires it.
 */
class PostgresEvaluateTest {
  private static String backing() {
    String backing = TestPostgres.url();
    return backing;
  }

  @Test
  void evaluateCurvesImportanceAndCardOnPostgres() throws SQLException {
    String backing = backing();
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:");
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("DROP EMBEDDING SPACE IF EXISTS accounts_space CASCADE");
      statement.execute("DROP TABLE IF EXISTS accounts");
      statement.execute("DROP TABLE IF EXISTS accounts_new");
      EvaluationData.create(connection);
      statement.execute("CREATE EMBEDDING SPACE accounts_space ON accounts "
          + "WITH (epochs = 3, d_model = 16)");
      statement.execute("CREATE PREDICTOR churn ON accounts_space TARGET churned "
          + "WITH (positive_label = 'yes', epochs = 10)");

      List<Map<String, Object>> result = rows(statement,
          "EVALUATE PREDICTOR churn ON accounts_new WITH (baselines = true)");
      assertEquals(List.of("churn", "logistic_regression", "boosted_trees"),
          result.stream().map(r -> r.get("MODEL")).toList());
      Map<String, Object> row = result.get(0);
      EvaluationData.Scored s = EvaluationData.scored(connection, "churn", "accounts_new");
      assertEquals(270L, ((Number) row.get("ROWS")).longValue());
      double auc = RocAuc.of(s.probability(), s.positive());
      assertEquals(auc, number(row, "AUC"), 1e-12);
      assertEquals(EvaluationData.accuracy(s), number(row, "ACCURACY"), 1e-12);
      assertEquals(EvaluationData.f1(s), number(row, "F1"), 1e-12);
      assertEquals(EvaluationData.logLoss(s), number(row, "LOG_LOSS"), 1e-9);
      assertEquals(EvaluationData.calibrationError(s), number(row, "CALIBRATION_ERROR"), 1e-9);
      assertTrue(number(result.get(2), "AUC") > 0.8, result.toString());

      Map<String, Object> onQuery = rows(statement, "EVALUATE PREDICTOR churn ON "
          + "(SELECT * FROM accounts_new WHERE plan = 'pro')").get(0);
      EvaluationData.Scored pro = EvaluationData.scored(connection, "churn", "accounts_new",
          "plan = 'pro'");
      assertEquals(RocAuc.of(pro.probability(), pro.positive()),
          number(onQuery, "AUC"), 1e-12);

      List<Map<String, Object>> roc = rows(statement,
          "SELECT * FROM TABLE(ROC_CURVE('churn', TABLE accounts_new))");
      double area = 0;
      for (int i = 1; i < roc.size(); i++) {
        area += (number(roc.get(i), "FPR") - number(roc.get(i - 1), "FPR"))
            * (number(roc.get(i), "TPR") + number(roc.get(i - 1), "TPR")) / 2;
      }
      assertEquals(auc, area, 1e-12);
      long counted = 0;
      for (Map<String, Object> cell : rows(statement,
          "SELECT * FROM TABLE(CONFUSION_MATRIX('churn', TABLE accounts_new))")) {
        counted += ((Number) cell.get("ROW_COUNT")).longValue();
      }
      assertEquals(270, counted);
      assertEquals(270, rows(statement, "SELECT * FROM TABLE(CALIBRATION_CURVE('churn', "
          + "TABLE accounts_new))").stream().mapToLong(b -> ((Number) b.get("ROW_COUNT"))
              .longValue()).sum());

      List<Map<String, Object>> importance = rows(statement,
          "SELECT feature, importance FROM TABLE(FEATURE_IMPORTANCE('churn')) ORDER BY rank");
      assertEquals("signal", importance.get(0).get("FEATURE"), importance.toString());

      Map<String, Object> card = rows(statement, "DESCRIBE PREDICTOR churn").get(0);
      assertEquals("churn", card.get("NAME"));
      assertTrue(String.valueOf(card.get("TRAINING_TABLE")).endsWith("accounts"),
          card.toString());
      assertEquals("opened", card.get("TRAINING_TIME_COLUMN"));
      assertTrue(((String) card.get("TOP_FEATURES")).startsWith("signal "), card.toString());

      SQLException unknown = assertThrows(SQLException.class,
          () -> statement.executeQuery("EVALUATE PREDICTOR chrun ON accounts_new"));
      assertEquals("42704", unknown.getSQLState());
      SQLException absent = assertThrows(SQLException.class, () -> statement.executeQuery(
          "EVALUATE PREDICTOR churn ON (SELECT id, signal FROM accounts_new)"));
      assertEquals("42S22", absent.getSQLState());
      assertTrue(absent.getMessage().contains("'churned'"), absent.getMessage());
      assertEquals("22000", assertThrows(SQLException.class, () -> statement.executeQuery(
          "EVALUATE PREDICTOR churn ON (SELECT * FROM accounts_new WHERE churned IS NULL)"))
          .getSQLState());
      assertEquals("22023", assertThrows(SQLException.class, () -> statement.executeQuery(
          "EVALUATE PREDICTOR churn ON accounts_new WITH (baselines = 2)")).getSQLState());

      statement.execute("DROP EMBEDDING SPACE accounts_space CASCADE");
      statement.execute("DROP TABLE accounts");
      statement.execute("DROP TABLE accounts_new");
    }
  }
}
