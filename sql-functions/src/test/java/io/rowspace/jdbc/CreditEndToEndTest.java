package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.testsupport.RocAuc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on a real data set, over JDBC, as a user runs it: credit_data split into a
 * training table and a table of new applicants; a space and a predictor on the training table;
 * predictions and similar rows in ordinary queries.
 */
@Tag("slow")
class CreditEndToEndTest {
  private static final String URL = "jdbc:rowspace:h2:mem:credit_e2e";
  private static Connection connection;
  private static SQLWarning spaceWarnings;
  private static SQLWarning predictorWarnings;

  @BeforeAll
  static void trainSpaceAndPredictor() throws SQLException {
    connection = DriverManager.getConnection(URL);
    SharedDatasets.load(connection, "credit_data", "credit_data", "credit_train",
        id -> id % 4 != 0);
    SharedDatasets.load(connection, "credit_data", "credit_data", "credit_new",
        id -> id % 4 == 0);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("CREATE EMBEDDING SPACE credit_space ON credit_train");
      spaceWarnings = statement.getWarnings();
      statement.executeUpdate("CREATE PREDICTOR credit_risk ON EMBEDDING SPACE credit_space "
          + "TARGET status");
      predictorWarnings = statement.getWarnings();
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void predictedProbabilitiesRankNewApplicantsAboutAsWellAsLogisticRegression()
      throws SQLException {
    List<Map<String, Object>> training;
    List<Map<String, Object>> fresh;
    try (Statement statement = connection.createStatement()) {
      training = LogisticRegressionBaseline.rows(
          statement.executeQuery("SELECT * FROM credit_train ORDER BY id"));
      fresh = LogisticRegressionBaseline.rows(
          statement.executeQuery("SELECT * FROM credit_new ORDER BY id"));
    }
    LogisticRegressionBaseline baseline =
        LogisticRegressionBaseline.fit(training, "STATUS", "bad", "ID");

    List<Double> ours = new ArrayList<>();
    List<Boolean> bad = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, status, "
             + "PREDICT_PROBA('credit_risk', 'bad') AS p_bad FROM credit_new "
             + "WHERE status IS NOT NULL ORDER BY id")) {
      while (rs.next()) {
        double p = rs.getDouble("P_BAD");
        assertTrue(p >= 0 && p <= 1, "a probability, got " + p);
        ours.add(p);
        bad.add("bad".equals(rs.getString("STATUS")));
      }
    }
    double[] baselineScores = fresh.stream().filter(r -> r.get("STATUS") != null)
        .mapToDouble(baseline::probability).toArray();
    boolean[] labels = new boolean[bad.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = bad.get(i);
    }
    double ourAuc = RocAuc.of(
        ours.stream().mapToDouble(Double::doubleValue).toArray(), labels);
    double baselineAuc = RocAuc.of(baselineScores, labels);
    System.out.printf(Locale.ROOT,
        "credit_data held-out AUC: Rowspace %.4f, logistic regression %.4f%n", ourAuc, baselineAuc);
    assertTrue(ourAuc >= baselineAuc - 0.05, "Rowspace AUC " + ourAuc
        + " should be within 0.05 of logistic regression's " + baselineAuc);
  }

  @Test
  void predictReturnsOneOfTheTargetLabelsForEveryNewRow() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, PREDICT('credit_risk') AS predicted FROM credit_new ORDER BY id")) {
      int rows = 0;
      while (rs.next()) {
        assertTrue(Set.of("good", "bad").contains(rs.getString("PREDICTED")));
        rows++;
      }
      assertEquals(1113, rows);
    }
  }

  @Test
  void predictTakesARowGivenByNamedValues() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT PREDICT('credit_risk', income => 20, "
             + "debt => 9000, records => 'yes') AS risky, PREDICT('credit_risk', income => 300, "
             + "assets => 50000, seniority => 20, records => 'no') AS safe, "
             + "PREDICT_PROBA('credit_risk', 'bad', income => 20, debt => 9000, records => 'yes') "
             + "AS risky_bad, PREDICT_PROBA('credit_risk', 'bad', income => 300, assets => 50000, "
             + "seniority => 20, records => 'no') AS safe_bad")) {
      assertTrue(rs.next());
      assertTrue(Set.of("good", "bad").contains(rs.getString("RISKY")));
      assertEquals("good", rs.getString("SAFE"));
      double riskyBad = rs.getDouble("RISKY_BAD");
      double safeBad = rs.getDouble("SAFE_BAD");
      assertTrue(riskyBad > safeBad + 0.1,
          "a low income, debts and records must look riskier: " + riskyBad + " vs " + safeBad);
    }
  }

  @Test
  void detailsWarnWhenARowIsFarOutsideTheTrainingData() throws Exception {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT PREDICT_DETAILS('credit_risk') AS usual, "
             + "PREDICT_DETAILS('credit_risk', income => 900000, assets => 9000000, "
             + "debt => 5000000, amount => 4000000, price => 9000000, expenses => 50000, "
             + "seniority => 60, age => 99) AS odd FROM credit_new WHERE id = 8")) {
      assertTrue(rs.next());
      ObjectMapper json = new ObjectMapper();
      String usual = json.readTree(rs.getString("USUAL")).get("warnings").toString();
      String odd = json.readTree(rs.getString("ODD")).get("warnings").toString();
      assertFalse(usual.contains("standard deviations"), usual);
      assertTrue(odd.contains("standard deviations"), odd);
    }
  }

  @Test
  void similarRowsReturnsKRowsOrderedBySimilarityWithoutTheQueryRow() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT * FROM TABLE(SIMILAR_ROWS('credit_space', 5, 7))")) {
      assertEquals("RANK", rs.getMetaData().getColumnLabel(1));
      assertEquals("SIMILARITY", rs.getMetaData().getColumnLabel(2));
      assertEquals("ID", rs.getMetaData().getColumnLabel(3));
      int expectedRank = 1;
      double previous = Double.POSITIVE_INFINITY;
      while (rs.next()) {
        assertEquals(expectedRank++, rs.getInt(1));
        double similarity = rs.getDouble(2);
        assertTrue(similarity <= previous + 1e-12, "ordered by similarity");
        assertTrue(similarity <= 1.0 + 1e-6 && similarity >= -1.0 - 1e-6);
        previous = similarity;
        assertFalse(rs.getInt("ID") == 5, "the query row itself is excluded");
        assertNotNull(rs.getString("STATUS"));
      }
      assertEquals(8, expectedRank, "7 rows");
    }
  }

  @Test
  void aWhereOnSimilarRowsStillGivesKRowsThatMatch() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM TABLE(SIMILAR_ROWS("
             + "'credit_space', 5, 7)) WHERE status = 'bad' AND home <> 'owner'")) {
      int rows = 0;
      int previousRank = 0;
      while (rs.next()) {
        assertEquals("bad", rs.getString("STATUS"));
        assertTrue(rs.getInt("RANK") > previousRank, "still in rank order");
        previousRank = rs.getInt("RANK");
        rows++;
      }
      assertEquals(7, rows, "the 7 most similar bad applications, not the bad among the 7");
    }
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT s.id FROM TABLE(SIMILAR_ROWS("
             + "'credit_space', 5, 3)) AS s WHERE s.job = 'partime'")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      assertEquals(3, rows);
    }
  }

  @Test
  void trainingReportsWhatItFoundAsWarnings() {
    assertNotNull(spaceWarnings, "CREATE EMBEDDING SPACE reports what it did");
    assertTrue(String.valueOf(messages(spaceWarnings)).contains("CREDIT_SPACE"));
    assertTrue(messages(predictorWarnings).stream().anyMatch(m -> m.contains("AUC")),
        "CREATE PREDICTOR reports its validation metrics: " + messages(predictorWarnings));
  }

  @Test
  void theCatalogShowsTheSpaceItsColumnsAndThePredictor() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SHOW EMBEDDING SPACES")) {
        assertTrue(rs.next());
        assertEquals("CREDIT_SPACE", rs.getString("NAME"));
        assertEquals(3341, rs.getInt("ROWS_TRAINED"));
      }
      try (ResultSet rs = statement.executeQuery("DESCRIBE EMBEDDING SPACE credit_space")) {
        int used = 0;
        while (rs.next()) {
          if (rs.getString("COLUMN_NAME").equals("ID")) {
            assertEquals("EXCLUDED", rs.getString("STATUS"));
          }
          used += "USED".equals(rs.getString("STATUS")) ? 1 : 0;
        }
        assertTrue(used >= 12, "the data columns are used: " + used);
      }
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM ROWSPACE.SPACE_COLUMNS "
          + "WHERE space = 'CREDIT_SPACE' AND status = 'USED' "
          + "AND mutual_information_bits >= 0")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) >= 12, "every used column has a mutual-information estimate");
      }
      try (ResultSet rs = statement.executeQuery("SELECT name, task, auc, status "
          + "FROM ROWSPACE.PREDICTORS")) {
        assertTrue(rs.next());
        assertEquals("CREDIT_RISK", rs.getString("NAME"));
        assertEquals("BINARY", rs.getString("TASK"));
        assertEquals("READY", rs.getString("STATUS"));
        assertTrue(rs.getDouble("AUC") > 0.6);
      }
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM "
          + "ROWSPACE.TRAINING_TIMELINE WHERE model = 'CREDIT_SPACE'")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) > 0, "every epoch is recorded");
      }
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM "
          + "ROWSPACE.TRAINING_TIMELINE WHERE model = 'CREDIT_SPACE' AND (temperature IS NULL "
          + "OR objective_weights NOT LIKE 'column %, row %, spread %, reconstruction %' "
          + "OR reconstruction_loss IS NULL OR mean_cosine IS NULL OR effective_rank < 1)")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1), "each epoch of the space records its temperature, the "
            + "objective's weights, the reconstruction loss and the embeddings' health");
      }
    }
  }

  private static List<String> messages(SQLWarning warning) {
    List<String> messages = new ArrayList<>();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      messages.add(w.getMessage());
    }
    return messages;
  }
}
