package io.rowspace.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * The statements the fuzzer starts from, valid on its small database: Rowspace statements and
 * functions over a trained tiny space ({@code shop_space}) and predictors ({@code churn}, a
 * class, and {@code spend_p}, a number), plus plain SQL that runs on the backing database.
 * Writes go to scratch objects only, so no mutation of them can destroy the fixture.
 */
final class FuzzCorpus {
  /** Rows of the fixture table; the fuzzer checks the count to detect a damaged fixture. */
  static final int SHOP_ROWS = 80;

  static final List<String> STATEMENTS = List.of(
      "SELECT id, PREDICT('churn') FROM shop WHERE id < 5",
      "SELECT id, PREDICT('spend_p') AS s FROM shop WHERE plan = 'pro' ORDER BY id",
      "SELECT PREDICT_PROBA('churn', 'yes') FROM shop WHERE visits > 10",
      "SELECT PREDICT_DETAILS('churn') FROM shop WHERE id = 3",
      "SELECT PREDICT_DETAILS('spend_p') FROM shop WHERE id BETWEEN 2 AND 4",
      "SELECT PREDICT('churn', plan => 'pro', visits => 12, spend => 40.5, region => 'north')",
      "SELECT PREDICT('spend_p', plan => 'free', visits => 3)",
      "SELECT id FROM shop ORDER BY PREDICT_PROBA('churn') DESC LIMIT 3",
      "SELECT plan, COUNT(*), AVG(PREDICT('spend_p')) FROM shop GROUP BY plan",
      "WITH c AS (SELECT * FROM shop WHERE id < 10) SELECT id, PREDICT('churn') FROM c",
      "SELECT * FROM (SELECT id, plan, visits, spend, region FROM shop) AS t "
          + "WHERE PREDICT('churn') = 'yes'",
      "SELECT s.id, PREDICT('churn') FROM shop s JOIN shop_notes n ON s.id = n.shop_id",
      "SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 3, 5))",
      "SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 7, 3)) AS t WHERE t.plan = 'pro'",
      "SELECT id, ANOMALY_SCORE('shop_space') FROM shop WHERE id < 4",
      "SELECT * FROM TABLE(EMBEDDINGS('shop_space')) FETCH FIRST 2 ROWS ONLY",
      "DESCRIBE EMBEDDING SPACE shop_space",
      "DESCRIBE PREDICTOR churn",
      "SHOW EMBEDDING SPACES",
      "SHOW PREDICTORS",
      "SELECT model, epoch FROM ROWSPACE.TRAINING_TIMELINE WHERE model = 'CHURN'",
      "SELECT * FROM ROWSPACE.JOBS",
      "CANCEL JOB 'no-such-job'",
      "EXPLAIN PLAN FOR CREATE EMBEDDING SPACE scratch_space ON shop",
      "CREATE EMBEDDING SPACE IF NOT EXISTS scratch_space ON shop "
          + "WITH (epochs = 1, d_model = 8, sentence_model = false)",
      "CREATE OR REPLACE PREDICTOR scratch_p ON shop_space TARGET plan "
          + "WITH (epochs = 1, trees = false)",
      "DROP PREDICTOR IF EXISTS scratch_p",
      "DROP EMBEDDING SPACE IF EXISTS scratch_space CASCADE",
      "REFRESH EMBEDDING SPACE scratch_space",
      "SELECT COUNT(*) FROM shop",
      "SELECT plan, AVG(spend), MAX(visits) FROM shop GROUP BY plan HAVING COUNT(*) > 1",
      "SELECT id, UPPER(plan) || '-' || region FROM shop WHERE spend > 10.5 LIMIT 4",
      "CREATE TABLE IF NOT EXISTS scratch (id INTEGER, name VARCHAR(100))",
      "INSERT INTO scratch VALUES (1, 'a'), (2, 'b')",
      "UPDATE scratch SET name = 'c' WHERE id = 2",
      "DELETE FROM scratch WHERE id = 1",
      "SELECT CAST(visits AS DOUBLE) / 3, CASE WHEN plan = 'pro' THEN 1 ELSE 0 END FROM shop");

  private FuzzCorpus() {
  }

  /**
   * Creates the fixture: a shop table with a churn flag that depends on visits, a related notes
   * table, and the space and predictors the corpus calls, trained as small as they go.
   */
  static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE shop (id INTEGER PRIMARY KEY, plan VARCHAR(10), "
          + "visits INTEGER, spend DOUBLE PRECISION, region VARCHAR(10), churned VARCHAR(3))");
      statement.execute("CREATE TABLE shop_notes (shop_id INTEGER, note VARCHAR(200))");
    }
    fillShop(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO shop_notes SELECT id, 'note ' || id FROM shop");
      statement.execute("CREATE EMBEDDING SPACE shop_space ON shop "
          + "WITH (epochs = 2, d_model = 8, sentence_model = false)");
      statement.execute("CREATE PREDICTOR churn ON shop_space TARGET churned "
          + "WITH (epochs = 2, trees = false)");
      statement.execute("CREATE PREDICTOR spend_p ON shop_space TARGET spend "
          + "WITH (epochs = 2, trees = false)");
    }
  }

  /** Puts the fixture's rows back if a statement changed them; true if it had to. */
  static boolean restoreRows(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(id) FROM shop")) {
      rs.next();
      if (rs.getInt(1) == SHOP_ROWS && rs.getLong(2) == (long) SHOP_ROWS * (SHOP_ROWS + 1) / 2) {
        return false;
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM shop");
    }
    fillShop(connection);
    return true;
  }

  private static void fillShop(Connection connection) throws SQLException {
    Random random = new Random(11);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO shop VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= SHOP_ROWS; id++) {
        int visits = random.nextInt(40);
        insert.setInt(1, id);
        insert.setString(2, visits > 20 ? "pro" : random.nextBoolean() ? "basic" : "free");
        insert.setInt(3, visits);
        insert.setDouble(4, visits * 3.5 + random.nextGaussian() * 5);
        insert.setString(5, random.nextBoolean() ? "north" : "south");
        insert.setString(6, visits < 10 ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
