package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user finds in {@code ROWSPACE.PREDICTORS.options}: the options as training resolved
 * them (defaults filled in, the head, epochs and the outcome of {@code fine_tune}), not only what
 * the statement wrote; and a fine-tuned predictor predicts through SQL while the space's
 * {@code SIMILAR_ROWS} stays what it was.
 */
class PredictorOptionsCatalogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Connection connection;

  @BeforeAll
  static void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:predictor_options");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, age DOUBLE PRECISION, "
          + "minutes DOUBLE PRECISION, plan VARCHAR(10), bought VARCHAR(3))");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO visits VALUES (?, ?, ?, ?, ?)")) {
        Random random = new Random(5);
        String[] plans = {"free", "basic", "pro"};
        for (int id = 1; id <= 600; id++) {
          double age = 20 + 50 * random.nextDouble();
          double minutes = 60 * random.nextDouble();
          int plan = random.nextInt(3);
          double score = 0.08 * (minutes - 30) + plan - 1 + random.nextGaussian();
          insert.setInt(1, id);
          insert.setDouble(2, age);
          insert.setDouble(3, minutes);
          insert.setString(4, plans[plan]);
          insert.setString(5, score > 0 ? "yes" : "no");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("CREATE EMBEDDING SPACE visit_space ON visits "
          + "WITH (epochs = 4, layers = 2, d_model = 16)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static JsonNode options(String predictor) throws Exception {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT options FROM ROWSPACE.PREDICTORS WHERE name = ?")) {
      query.setString(1, predictor);
      try (ResultSet rs = query.executeQuery()) {
        assertTrue(rs.next(), "no catalog row for " + predictor);
        return JSON.readTree(rs.getString(1));
      }
    }
  }

  private static List<String> warnings(Statement statement) throws SQLException {
    List<String> messages = new ArrayList<>();
    for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
      messages.add(w.getMessage());
    }
    return messages;
  }

  @Test
  void defaultsAreStoredAsTheValuesTrainingUsed() throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE PREDICTOR bought_default ON visit_space TARGET bought");
    }
    JsonNode o = options("BOUGHT_DEFAULT");
    assertEquals("binary", o.path("task").asText());
    assertEquals("mlp", o.path("head").asText());
    assertEquals("64", o.path("hidden").asText());
    assertEquals("false", o.path("fine_tune").asText());
    assertEquals("42", o.path("seed").asText());
    assertTrue(o.path("epochs").asInt() >= 20, o.toString());
    assertTrue(List.of("focal", "cross_entropy").contains(o.path("loss").asText()), o.toString());
    assertEquals("yes", o.path("positive_label").asText(), "the minority class");
    assertEquals("best_f1", o.path("threshold_rule").asText());
    assertFalse(o.has("fine_tune_outcome"), "nothing was fine-tuned");
  }

  @Test
  void fineTuneAutoReportsItsChoiceInAWarningAndInTheCatalog() throws Exception {
    List<String> messages;
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE PREDICTOR bought_auto ON visit_space TARGET bought "
          + "WITH (fine_tune = 'auto', epochs = 30)");
      messages = warnings(statement);
    }
    JsonNode o = options("BOUGHT_AUTO");
    assertEquals("auto", o.path("fine_tune").asText());
    assertEquals("30", o.path("epochs").asText());
    String outcome = o.path("fine_tune_outcome").asText();
    assertTrue(List.of("fine-tuned", "frozen").contains(outcome), o.toString());
    assertTrue(o.path("fisher_information").asText().matches("0:[0-9.]+,1:[0-9.]+"),
        o.toString());
    String said = outcome.equals("frozen") ? "kept the frozen space"
        : "kept the fine-tuned space layers " + o.path("fine_tune_layers").asText();
    assertTrue(messages.stream().anyMatch(m -> m.contains("fine_tune = 'auto' " + said)),
        messages.toString());
  }

  @Test
  void aFineTunedPredictorPredictsThroughSqlAndLeavesSimilarRowsAlone() throws Exception {
    List<Integer> before = similarTo(7);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE PREDICTOR bought_tuned ON visit_space TARGET bought "
          + "WITH (fine_tune = true, epochs = 30)");
    }
    JsonNode o = options("BOUGHT_TUNED");
    assertEquals("true", o.path("fine_tune").asText());
    assertEquals("fine-tuned", o.path("fine_tune_outcome").asText());
    assertEquals("0,1", o.path("fine_tune_layers").asText());
    int right = 0;
    int rows = 0;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT bought, PREDICT('bought_tuned') AS p FROM visits")) {
      while (rs.next()) {
        rows++;
        right += rs.getString("BOUGHT").equals(rs.getString("P")) ? 1 : 0;
      }
    }
    assertEquals(600, rows);
    assertTrue(right > 0.7 * rows, "fine-tuned predictor right on " + right + " of " + rows);
    assertEquals(before, similarTo(7), "fine-tuning changed the space SIMILAR_ROWS searches");
  }

  private static List<Integer> similarTo(int id) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id FROM TABLE(SIMILAR_ROWS('visit_space', " + id + ", 5))")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
