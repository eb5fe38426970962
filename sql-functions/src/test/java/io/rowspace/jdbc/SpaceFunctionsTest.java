package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EMBEDDINGS and ANOMALY_SCORE on a table with one planted outlier; predictors with the default
 * and a chosen head.
 */
class SpaceFunctionsTest {
  private static Connection connection;

  @BeforeAll
  static void space() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:space_functions");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE sensors (id INTEGER PRIMARY KEY, temperature DOUBLE "
          + "PRECISION, humidity DOUBLE PRECISION, site VARCHAR(10), healthy BOOLEAN)");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO sensors VALUES (?, ?, ?, ?, ?)")) {
        Random random = new Random(9);
        for (int id = 1; id <= 400; id++) {
          boolean north = random.nextBoolean();
          double temperature = (north ? 12 : 24) + random.nextGaussian();
          insert.setInt(1, id);
          insert.setDouble(2, temperature);
          insert.setDouble(3, (north ? 80 : 40) + random.nextGaussian() * 2);
          insert.setString(4, north ? "north" : "south");
          insert.setBoolean(5, true);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      // Hot and damp, in the north, unhealthy: nothing like any other row.
      statement.execute("INSERT INTO sensors VALUES (401, 95.0, 99.0, 'north', FALSE)");
      statement.execute("CREATE EMBEDDING SPACE sensor_space ON sensors WITH (epochs = 15)");
      statement.execute("CREATE PREDICTOR humidity_p ON sensor_space TARGET humidity");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void embeddingsListEveryRowWithItsProjectionOnTheUnitSphere() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM TABLE(EMBEDDINGS('sensor_space'))")) {
      assertEquals("ID", rs.getMetaData().getColumnLabel(1));
      assertEquals("X", rs.getMetaData().getColumnLabel(2));
      assertEquals("ANOMALY_SCORE", rs.getMetaData().getColumnLabel(5));
      assertEquals("EMBEDDING", rs.getMetaData().getColumnLabel(6));
      int rows = 0;
      while (rs.next()) {
        double x = rs.getDouble("X");
        double y = rs.getDouble("Y");
        double z = rs.getDouble("Z");
        assertEquals(1.0, x * x + y * y + z * z, 1e-6);
        Array embedding = rs.getArray("EMBEDDING");
        float[] values = (float[]) embedding.getArray();
        double norm = 0;
        for (float v : values) {
          norm += v * v;
        }
        assertEquals(1.0, norm, 1e-3, "embeddings are L2-normalised");
        rows++;
      }
      assertEquals(401, rows);
    }
  }

  @Test
  void embeddingsAndAnomalyScoreGiveEveryStoredRowTheSameScore() throws SQLException {
    Map<Integer, Double> scored = new HashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, ANOMALY_SCORE('sensor_space') AS a "
             + "FROM sensors WHERE id IN (3, 150, 401)")) {
      while (rs.next()) {
        scored.put(rs.getInt("ID"), rs.getDouble("A"));
      }
    }
    Map<Integer, Double> stored = new HashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, anomaly_score "
             + "FROM TABLE(EMBEDDINGS('sensor_space')) WHERE id IN (3, 150, 401)")) {
      while (rs.next()) {
        stored.put(rs.getInt("ID"), rs.getDouble("ANOMALY_SCORE"));
      }
    }
    assertEquals(Set.of(3, 150, 401), scored.keySet());
    assertEquals(scored.keySet(), stored.keySet());
    for (int id : scored.keySet()) {
      assertEquals(scored.get(id), stored.get(id), 1e-4, "row " + id);
    }
  }

  @Test
  void regressionDetailsGiveAnIntervalAStdAndSignedImportances() throws Exception {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT humidity, PREDICT('humidity_p') AS h, "
             + "PREDICT_DETAILS('humidity_p') AS d FROM sensors WHERE id = 7")) {
      assertTrue(rs.next());
      JsonNode details = new ObjectMapper().readTree(rs.getString("D"));
      double prediction = details.get("prediction").asDouble();
      assertEquals(rs.getDouble("H"), prediction, 1e-9, "PREDICT and PREDICT_DETAILS agree");
      double low = details.get("confidence_interval").get(0).asDouble();
      double high = details.get("confidence_interval").get(1).asDouble();
      assertTrue(low < prediction && prediction < high, details.toString());
      assertTrue(details.get("std").asDouble() > 0);
      assertTrue(details.get("feature_importance").has("TEMPERATURE"), details.toString());
    }
  }

  @Test
  void aPredictorWithACrossNetworkHeadTrainsAndPredictsThroughSql() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      int rows = statement.executeUpdate("CREATE PREDICTOR site_cross ON sensor_space TARGET site "
          + "WITH (head = 'crossnet', epochs = 5)");
      assertTrue(rows > 300, "training rows " + rows);
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        assertFalse(w.getMessage().contains("head"), w.getMessage());
      }
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) AS right_sites FROM sensors "
          + "WHERE PREDICT('site_cross') = site")) {
        assertTrue(rs.next());
        // North and south differ by 12 degrees and 40 points of humidity: nearly all of the 401
        // rows are placed right.
        assertTrue(rs.getInt("RIGHT_SITES") > 360, "right sites " + rs.getInt("RIGHT_SITES"));
      }
    }
  }

  @Test
  void thePlantedOutlierHasTheHighestAnomalyScore() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, ANOMALY_SCORE('sensor_space') AS a "
             + "FROM sensors ORDER BY a DESC LIMIT 2")) {
      assertTrue(rs.next());
      assertEquals(401, rs.getInt("ID"));
      double outlier = rs.getDouble("A");
      assertTrue(rs.next());
      assertTrue(outlier > 3, "several standard deviations out: " + outlier);
      assertTrue(outlier > rs.getDouble("A"));
    }
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, anomaly_score "
             + "FROM TABLE(EMBEDDINGS('sensor_space')) ORDER BY anomaly_score DESC LIMIT 1")) {
      assertTrue(rs.next());
      assertEquals(401, rs.getInt("ID"), "EMBEDDINGS ranks the outlier first too");
    }
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT AVG(ANOMALY_SCORE('sensor_space')) AS a "
             + "FROM sensors WHERE id <= 400")) {
      assertTrue(rs.next());
      assertTrue(Math.abs(rs.getDouble("A")) < 1, "typical rows score about zero");
    }
  }
}
