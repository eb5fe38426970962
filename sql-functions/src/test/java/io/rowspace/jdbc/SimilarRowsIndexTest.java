package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.backing.BackingDatabase;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A space with more rows than its {@code exact_search_rows} is searched through an HNSW index
 * stored with it: neighbours agree with exact cosine search, survive reopening the database,
 * and REFRESH rebuilds the index over the current rows.
 */
class SimilarRowsIndexTest {
  private static final int ROWS = 2000;
  @TempDir
  static Path folder;
  private static String url;
  private static String createWarnings;

  @BeforeAll
  static void indexedSpace() throws SQLException {
    url = "jdbc:rowspace:h2:" + folder.resolve("points").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE points (id INTEGER PRIMARY KEY, x DOUBLE PRECISION, "
          + "y DOUBLE PRECISION, zone VARCHAR(8), level INTEGER)");
      statement.execute("INSERT INTO points SELECT x, SIN(x * 1.3) * 10, COS(x * 0.7) * x / 100, "
          + "CHAR(97 + MOD(x * 7, 4)), MOD(x * 31, 17) FROM SYSTEM_RANGE(1, " + ROWS + ")");
      statement.execute("CREATE EMBEDDING SPACE point_space ON points "
          + "WITH (epochs = 2, exact_search_rows = 500)");
      createWarnings = warnings(statement.getWarnings());
      statement.execute("CREATE PREDICTOR zone_p ON point_space TARGET zone WITH (epochs = 3)");
    }
  }

  @Test
  void aSpaceAboveItsThresholdStoresASearchIndexWithItsRows() throws SQLException {
    assertTrue(createWarnings.contains("Search index (HNSW) over " + ROWS + " rows"),
        createWarnings);
    try (Connection connection = DriverManager.getConnection(url)) {
      assertNotNull(single(connection, "SELECT index_checksum FROM ROWSPACE.EMBEDDING_SPACES "
          + "WHERE name = 'POINT_SPACE'"));
      assertEquals("1", single(connection, "SELECT COUNT(DISTINCT name) FROM "
          + "ROWSPACE.MODEL_BLOBS WHERE kind = 'SPACE_INDEX'"));
    }
  }

  @Test
  void withoutTheOptionASmallSpaceIsSearchedExactlyAndStoresAuto() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE auto_space ON points WITH (epochs = 1)");
      assertTrue(!warnings(statement.getWarnings()).contains("Search index"),
          "2,000 rows are searched exactly without measuring an index");
      assertNull(single(connection, "SELECT index_checksum FROM ROWSPACE.EMBEDDING_SPACES "
          + "WHERE name = 'AUTO_SPACE'"));
      String options = single(connection, "SELECT options FROM ROWSPACE.EMBEDDING_SPACES "
          + "WHERE name = 'AUTO_SPACE'");
      assertTrue(options.contains("\"exact_search_rows\":\"auto\""), options);
      assertEquals(10, neighbours(connection, 7, 10).size());
      statement.execute("DROP EMBEDDING SPACE auto_space");
    }
  }

  @Test
  void indexedNeighboursAgreeWithExactCosineNeighbours() throws SQLException {
    Properties exactSearch = new Properties();
    exactSearch.setProperty("rowspace.exactSearch", "true");
    try (Connection connection = DriverManager.getConnection(url);
         Connection exactConnection = DriverManager.getConnection(url, exactSearch)) {
      Map<Integer, float[]> embeddings = embeddings(connection);
      int queries = 0;
      int found = 0;
      for (int key = 3; key <= ROWS; key += 40) {
        float[] query = embeddings.get(key);
        List<Double> exact = new ArrayList<>();
        for (Map.Entry<Integer, float[]> other : embeddings.entrySet()) {
          if (other.getKey() != key) {
            exact.add(dot(query, other.getValue()));
          }
        }
        exact.sort((a, b) -> Double.compare(b, a));
        double tenth = exact.get(9);
        List<Double> exactlySearched = new ArrayList<>(
            neighbours(exactConnection, key, 10).values());
        for (int i = 0; i < 10; i++) {
          assertEquals(exact.get(i), exactlySearched.get(i), 1e-5,
              "rowspace.exactSearch gives the exact neighbours of " + key);
        }
        for (int id : neighbours(connection, key, 10).keySet()) {
          // Equally similar rows are interchangeable at the tenth place.
          found += dot(query, embeddings.get(id)) >= tenth - 1e-6 ? 1 : 0;
        }
        queries++;
      }
      double recall = found / (10.0 * queries);
      assertTrue(recall >= 0.95, "recall@10 against exact search: " + recall);
    }
  }

  @Test
  void aNewConnectionOnTheSameDatabaseFileGivesTheSameNeighbours() throws SQLException {
    Map<Integer, Map<Integer, Double>> before = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      for (int key = 11; key <= ROWS; key += 250) {
        before.put(key, neighbours(connection, key, 10));
      }
    }
    // Close the database and open it under another URL, so nothing comes from memory.
    BackingDatabase.close(url.replace("jdbc:rowspace:", "jdbc:"));
    try (Connection reopened = DriverManager.getConnection(url + ";IFEXISTS=TRUE")) {
      for (Map.Entry<Integer, Map<Integer, Double>> entry : before.entrySet()) {
        assertEquals(entry.getValue(), neighbours(reopened, entry.getKey(), 10),
            "neighbours of " + entry.getKey());
      }
    }
  }

  @Test
  void refreshRebuildsTheIndexSoNewRowsAreFound() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      String indexBefore = single(connection, "SELECT index_checksum FROM "
          + "ROWSPACE.EMBEDDING_SPACES WHERE name = 'POINT_SPACE'");
      statement.execute("INSERT INTO points SELECT 5000 + id, x, y, zone, level FROM points "
          + "WHERE id = 7");
      assertThrows(SQLException.class, () -> neighbours(connection, 5007, 5),
          "a row added after the space was built has no vector yet");
      assertEquals(ROWS + 1, statement.executeUpdate("REFRESH EMBEDDING SPACE point_space"));
      assertTrue(warnings(statement.getWarnings()).contains("Search index (HNSW) over "
          + (ROWS + 1) + " rows"));
      assertNotEquals(indexBefore, single(connection, "SELECT index_checksum FROM "
          + "ROWSPACE.EMBEDDING_SPACES WHERE name = 'POINT_SPACE'"));
      Map<Integer, Double> nearSeven = neighbours(connection, 7, 5);
      assertEquals(5007, nearSeven.keySet().iterator().next(), "the copy of row 7 is its "
          + "nearest row: " + nearSeven);
      assertEquals(1.0, nearSeven.get(5007), 1e-5);
    }
  }

  @Test
  void aWhereOnIndexedNeighboursStillGivesKMatchingRows() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT \"RANK\", zone FROM TABLE(SIMILAR_ROWS("
             + "'point_space', 12, 20)) WHERE zone = 'c' AND level > 8")) {
      int rows = 0;
      int lastRank = 0;
      while (rs.next()) {
        rows++;
        assertEquals("c", rs.getString(2));
        assertTrue(rs.getInt(1) > lastRank, "ranks increase");
        lastRank = rs.getInt(1);
      }
      assertEquals(20, rows);
    }
  }

  @Test
  void aPredictorReplacedThroughAnotherConnectionIsPickedUpByTheNext() throws SQLException {
    String probability = "SELECT PREDICT_PROBA('zone_p', 'a') FROM points WHERE id = 42";
    try (Connection first = DriverManager.getConnection(url)) {
      String before = single(first, probability);
      try (Connection second = DriverManager.getConnection(url);
           Statement statement = second.createStatement()) {
        statement.execute("CREATE OR REPLACE PREDICTOR zone_p ON point_space TARGET zone "
            + "WITH (epochs = 3, seed = 99)");
        String replaced = single(second, probability);
        assertNotEquals(before, replaced, "another seed, another model");
        assertEquals(replaced, single(first, probability),
            "the first connection uses the replaced predictor");
      }
    }
  }

  @Test
  void aNegativeThresholdIsRefusedNamingTheOption() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> statement.execute(
          "CREATE EMBEDDING SPACE other ON points WITH (exact_search_rows = -1)"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("exact_search_rows"), e.getMessage());
    }
  }

  /** The k neighbours of a row, id to similarity, in rank order. */
  private static Map<Integer, Double> neighbours(Connection connection, int key, int k)
      throws SQLException {
    Map<Integer, Double> result = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, similarity FROM TABLE(SIMILAR_ROWS("
             + "'point_space', " + key + ", " + k + "))")) {
      while (rs.next()) {
        result.put(rs.getInt(1), rs.getDouble(2));
      }
    }
    return result;
  }

  private static Map<Integer, float[]> embeddings(Connection connection) throws SQLException {
    Map<Integer, float[]> result = new HashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, embedding FROM TABLE(EMBEDDINGS('point_space'))")) {
      while (rs.next()) {
        Array array = rs.getArray(2);
        result.put(rs.getInt(1), (float[]) array.getArray());
      }
    }
    return result;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  private static String warnings(SQLWarning warning) {
    StringBuilder text = new StringBuilder();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      text.append(w.getMessage()).append('\n');
    }
    return text.toString();
  }
}
