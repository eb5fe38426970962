package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model call hands the model each input value with its own SQL type, and the model sees at
 * query time exactly what it saw in training: the predictions of a query equal those of the
 * engine run directly on the rows as training reads them ({@code ResultSet.getObject}), bit for
 * bit, for DECIMAL, DOUBLE, REAL, DATE, TIMESTAMP, BOOLEAN, VARCHAR with {@code ;} and
 * {@code \} in its values, CHAR, and NULLs of each; batched and row by row alike.
 */
class TypedModelInputsTest {
  private static final String URL = "jdbc:rowspace:h2:mem:typedinputs";
  private static Connection connection;

  @BeforeAll
  static void predictor() throws SQLException {
    connection = DriverManager.getConnection(URL);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance DECIMAL(12, 2), "
          + "ratio DOUBLE PRECISION, score REAL, opened DATE, seen TIMESTAMP, active BOOLEAN, "
          + "note VARCHAR(20), tier CHAR(6), churned VARCHAR(3))");
      statement.execute("INSERT INTO accounts SELECT x, "
          + "CASE WHEN MOD(x, 17) = 0 THEN NULL ELSE MOD(x * 37, 1000) * 1.25 END, "
          + "CASE WHEN MOD(x, 19) = 0 THEN NULL ELSE CAST(MOD(x * 13, 97) AS DOUBLE PRECISION) "
          + "/ 7 END, "
          + "CASE WHEN MOD(x, 23) = 0 THEN NULL ELSE CAST(MOD(x * 11, 50) AS REAL) / 3 END, "
          + "CASE WHEN MOD(x, 29) = 0 THEN NULL ELSE DATEADD('DAY', MOD(x * 7, 900), "
          + "DATE '2020-01-01') END, "
          + "CASE WHEN MOD(x, 31) = 0 THEN NULL ELSE DATEADD('SECOND', MOD(x * 7919, 2592000), "
          + "TIMESTAMP '2024-03-01 08:00:00') END, "
          + "CASE WHEN MOD(x, 37) = 0 THEN NULL ELSE MOD(x, 3) <> 0 END, "
          + "CASE MOD(x, 5) WHEN 0 THEN 'a;b' WHEN 1 THEN 'c\\d' WHEN 2 THEN 'e\\;f' "
          + "WHEN 3 THEN NULL ELSE 'plain' END, "
          + "CASE MOD(x, 4) WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' WHEN 2 THEN NULL "
          + "ELSE 'iron' END, "
          + "CASE WHEN MOD(x * 37, 1000) > 600 AND MOD(x, 3) <> 0 THEN 'yes' ELSE 'no' END "
          + "FROM SYSTEM_RANGE(1, 600)");
      statement.execute("CREATE EMBEDDING SPACE account_space ON accounts WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR churn ON account_space TARGET churned "
          + "WITH (epochs = 5)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void predictionsInAQueryEqualTheEngineOnTheRowsAsTrainingReadsThem() throws Exception {
    Map<Integer, Prediction> engine = engineOnTrainingValues();
    int rows = 0;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT('churn'), "
             + "PREDICT_PROBA('churn', 'yes'), PREDICT_PROBA('churn', 'no') FROM accounts "
             + "ORDER BY id")) {
      while (rs.next()) {
        Prediction expected = engine.get(rs.getInt(1));
        assertEquals(expected.label(), rs.getString(2), "row " + rs.getInt(1));
        assertEquals(Double.doubleToLongBits(expected.probabilities().get("yes")),
            Double.doubleToLongBits(rs.getDouble(3)), "row " + rs.getInt(1));
        assertEquals(Double.doubleToLongBits(expected.probabilities().get("no")),
            Double.doubleToLongBits(rs.getDouble(4)), "row " + rs.getInt(1));
        rows++;
      }
    }
    assertEquals(600, rows);
  }

  @Test
  void aJoinConditionEvaluatedRowByRowGetsTheSameTypedValues() throws Exception {
    Map<Integer, Prediction> engine = engineOnTrainingValues();
    // Every input, named, taken from either side of the join in turn
    StringBuilder values = new StringBuilder();
    List<String> inputs = new ArrayList<>(bound().inputColumns().keySet());
    assertTrue(inputs.containsAll(List.of("BALANCE", "OPENED", "SEEN", "NOTE")), inputs.toString());
    for (int i = 0; i < inputs.size(); i++) {
      values.append(", ").append(inputs.get(i)).append(" => ").append(i % 2 == 0 ? "a." : "b.")
          .append(inputs.get(i));
    }
    String sql = "SELECT a.id FROM accounts a JOIN accounts b ON b.id = a.id AND "
        + "PREDICT_PROBA('churn', 'yes'" + values + ") = ? WHERE a.id = ?";
    assertTrue(plan(sql.replace("?", "1")).matches(
        "(?s).*Join\\(condition=\\[[^\\n]*ROWSPACE_PREDICT_PROBA.*"), "row by row");
    try (PreparedStatement prepared = connection.prepareStatement(sql)) {
      // Rows with NULLs in different columns, and with each kind of note
      for (int id : new int[] {1, 2, 3, 17, 19, 23, 29, 31, 37, 40, 85, 299}) {
        prepared.setDouble(1, engine.get(id).probabilities().get("yes"));
        prepared.setInt(2, id);
        try (ResultSet rs = prepared.executeQuery()) {
          assertTrue(rs.next(), "row " + id + " keeps the engine's probability");
          assertEquals(id, rs.getInt(1));
        }
      }
    }
  }

  @Test
  void theBatchedOperatorReceivesTheColumnsAsTypedOperands() throws SQLException {
    String plan = plan("SELECT id, PREDICT('churn') FROM accounts");
    assertTrue(plan.contains("EnumerableModelCalls(calls=[[PREDICT_LABEL('CHURN', "), plan);
    assertTrue(plan.contains("BALANCE => $"), plan);
    assertTrue(plan.contains("OPENED => $"), plan);
    assertFalse(plan.contains("REPLACE("), "no values packed as text: " + plan);
  }

  /** The predictor run by the engine on the rows read as training reads them. */
  private static Map<Integer, Prediction> engineOnTrainingValues() throws Exception {
    BoundPredictor bound = bound();
    List<ColumnSchema> schemas = new ArrayList<>(bound.inputColumns().values());
    StringBuilder select = new StringBuilder("SELECT id");
    for (ColumnSchema schema : schemas) {
      select.append(", \"").append(schema.name()).append('"');
    }
    select.append(" FROM accounts ORDER BY id");
    List<Integer> ids = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:typedinputs");
         Statement statement = h2.createStatement();
         ResultSet rs = statement.executeQuery(select.toString())) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
        Object[] row = new Object[schemas.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = rs.getObject(c + 2);
        }
        rows.add(row);
      }
    }
    List<Prediction> predictions = bound.predictor().predict(bound.space(),
        bound.withRelated(Frame.ofRows(schemas, rows)));
    Map<Integer, Prediction> byId = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byId.put(ids.get(i), predictions.get(i));
    }
    return byId;
  }

  private static BoundPredictor bound() throws SQLException {
    RowspaceSession session = connection.unwrap(RowspaceConnection.class).session();
    PredictorRecord record = session.catalog().predictors().find("CHURN").orElseThrow();
    return BoundPredictor.load(session, record);
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
}
