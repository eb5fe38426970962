package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The life of spaces and predictors as a user drives it: show, describe, explain, replace,
 * refresh, drop, cancel; predictions on other tables and through prepared statements.
 */
class StatementLifecycleTest {
  private Connection connection;

  @BeforeEach
  void smallTable() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:lifecycle");
    execute("CREATE TABLE trips (id INTEGER PRIMARY KEY, km DOUBLE PRECISION, "
        + "mode VARCHAR(10), late BOOLEAN, rating INTEGER)");
    insertTrips("trips", 1, 240);
    execute("CREATE EMBEDDING SPACE trip_space ON trips WITH (epochs = 3, seed = 11)");
    execute("CREATE PREDICTOR lateness ON trip_space TARGET late WITH (epochs = 5)");
  }

  @AfterEach
  void drop() throws SQLException {
    execute("DROP ALL OBJECTS");
    connection.close();
  }

  private void insertTrips(String table, int from, int to) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
      Random random = new Random(from);
      for (int id = from; id <= to; id++) {
        double km = random.nextDouble() * 50;
        String mode = new String[] {"bus", "train", "bike"}[random.nextInt(3)];
        insert.setInt(1, id);
        insert.setDouble(2, km);
        insert.setString(3, mode);
        insert.setBoolean(4, mode.equals("bus") && km > 20);
        insert.setInt(5, 1 + random.nextInt(5));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Test
  void showAndDescribeListWhatWasBuilt() throws SQLException {
    List<String> predictors = column("SHOW PREDICTORS", "NAME");
    assertEquals(List.of("LATENESS"), predictors);
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("DESCRIBE PREDICTOR lateness")) {
      assertTrue(rs.next());
      assertEquals("TRIP_SPACE", rs.getString("SPACE"));
      assertEquals("BINARY", rs.getString("TASK"));
      assertTrue(rs.getString("CLASSES").contains("true"));
      assertTrue(rs.getString("INPUT_COLUMNS").contains("KM"));
    }
    assertEquals(List.of("ID", "KM", "MODE", "LATE", "RATING"),
        column("DESCRIBE EMBEDDING SPACE trip_space", "COLUMN_NAME"));
  }

  @Test
  void explainShowsThePlanWithoutTraining() throws SQLException {
    String plan = String.join("\n", column(
        "EXPLAIN PLAN FOR CREATE EMBEDDING SPACE other ON trips EXCLUDE COLUMNS (rating)",
        "PLAN"));
    assertTrue(plan.contains("240 rows"), plan);
    assertTrue(plan.contains("SELECT \"ID\", \"KM\", \"MODE\", \"LATE\""), plan);
    assertTrue(plan.contains("RATING (excluded by EXCLUDE COLUMNS)"), plan);
    assertTrue(column("SHOW EMBEDDING SPACES", "NAME").equals(List.of("TRIP_SPACE")));
  }

  @Test
  void predictWorksOnAnyTableWithTheSameColumnsAndNamesWhatIsAbsent() throws Exception {
    execute("CREATE TABLE new_trips (id INTEGER PRIMARY KEY, km DOUBLE PRECISION, "
        + "mode VARCHAR(10), late BOOLEAN, rating INTEGER)");
    insertTrips("new_trips", 1000, 1019);
    List<String> labels = column("SELECT PREDICT('lateness') AS p FROM new_trips", "P");
    assertEquals(20, labels.size());
    assertTrue(labels.stream().allMatch(l -> l.equalsIgnoreCase("true") || l.equalsIgnoreCase("false")),
        "typed like the BOOLEAN target: " + labels);
    String details = column("SELECT PREDICT_DETAILS('lateness') AS d FROM "
        + "(SELECT id, km FROM new_trips) t WHERE id = 1000", "D").get(0);
    JsonNode json = new ObjectMapper().readTree(details);
    assertTrue(json.get("probabilities").has("true"));
    assertTrue(json.get("warnings").toString().contains("MODE"), details);
    assertEquals("LATENESS", json.get("metadata").get("predictor").asText());
  }

  @Test
  void preparedQueriesTakeParameters() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, PREDICT_PROBA('lateness') AS p FROM trips WHERE id = ?")) {
      ps.setInt(1, 7);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt("ID"));
        assertFalse(rs.next());
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT PREDICT_PROBA('lateness', km => ?, mode => ?) AS p")) {
      ps.setDouble(1, 45.0);
      ps.setString(2, "bus");
      double busFar = single(ps);
      ps.setDouble(1, 2.0);
      ps.setString(2, "bike");
      double bikeNear = single(ps);
      assertNotEquals(busFar, bikeNear, "each execution predicts for its own parameters");
    }
  }

  private static double single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      return rs.getDouble(1);
    }
  }

  @Test
  void replacingAPredictorIsPickedUpByTheNextQueryAndByQueriesPreparedBefore()
      throws SQLException {
    double before = probabilityOfTrip(3);
    try (PreparedStatement prepared = connection.prepareStatement(
        "SELECT PREDICT_PROBA('lateness') AS p FROM trips WHERE id = ?")) {
      prepared.setInt(1, 3);
      assertEquals(before, single(prepared));
      execute("CREATE OR REPLACE PREDICTOR lateness ON trip_space TARGET late "
          + "WITH (epochs = 5, seed = 99)");
      assertEquals(List.of("2"), column("SELECT version FROM ROWSPACE.PREDICTORS", "VERSION"));
      // The prepared query runs first: a query rewritten on this connection would bind the new
      // predictor for it.
      double prepared3 = single(prepared);
      double after = probabilityOfTrip(3);
      assertNotEquals(before, after, "another seed, another model");
      assertEquals(after, prepared3, "the prepared query uses the new predictor");
    }
  }

  @Test
  void aPredictionInAJoinConditionUsesTheReplacedPredictorInQueriesPreparedBefore()
      throws SQLException {
    // A condition over both sides of a join is evaluated pair by pair, not by the batched
    // operator: the join keeps the trip when the prediction equals the probability asked.
    String sql = "SELECT a.id FROM trips a JOIN trips b ON b.id = a.id AND "
        + "PREDICT_PROBA('lateness', km => a.km, mode => b.mode) = ? WHERE a.id = ?";
    String plan = String.join("\n", column("EXPLAIN PLAN FOR " + sql.replace("?", "1"),
        "PLAN"));
    assertTrue(plan.matches("(?s).*Join\\(condition=\\[[^\\n]*ROWSPACE_PREDICT_PROBA.*"), plan);
    try (Connection other = DriverManager.getConnection("jdbc:rowspace:h2:mem:lifecycle");
         PreparedStatement prepared = connection.prepareStatement(sql)) {
      // The trip least sure of its outcome: at a calibration's floor or ceiling two models
      // trained with other seeds may well agree.
      int trip = midRangeTrip(other);
      double before = explicitProbabilityOfTrip(other, trip);
      assertEquals(List.of(trip), ids(prepared, before, trip), "row by row, as batched");
      execute("CREATE OR REPLACE PREDICTOR lateness ON trip_space TARGET late "
          + "WITH (epochs = 5, seed = 99)");
      double after = explicitProbabilityOfTrip(other, trip);
      assertNotEquals(before, after, "another seed, another model");
      assertEquals(List.of(trip), ids(prepared, after, trip), "the new predictor, row by row");
      assertEquals(List.of(), ids(prepared, before, trip), "not the replaced one");
    }
  }

  @Test
  void aDroppedPredictorIsUnknownAndOneCreatedAgainUnderItsNameIsUsedByOpenConnections()
      throws SQLException {
    String sql = "SELECT id, PREDICT_PROBA('lateness') AS p FROM trips WHERE id <= ? ORDER BY id";
    try (Connection other = DriverManager.getConnection("jdbc:rowspace:h2:mem:lifecycle");
         Statement otherStatement = other.createStatement();
         PreparedStatement prepared = connection.prepareStatement(sql)) {
      List<Double> before = probabilities(prepared, 30);
      otherStatement.execute("DROP PREDICTOR lateness");
      SQLException unknown = assertThrows(SQLException.class,
          () -> column("SELECT PREDICT_PROBA('lateness') AS p FROM trips", "P"));
      assertEquals("42704", unknown.getSQLState(), unknown.getMessage());
      assertTrue(unknown.getMessage().toLowerCase(Locale.ROOT)
          .contains("predictor 'lateness' does not exist"), unknown.getMessage());
      SQLException preparedUnknown = assertThrows(SQLException.class,
          () -> probabilities(prepared, 30));
      assertEquals("42704", preparedUnknown.getSQLState(), preparedUnknown.getMessage());

      otherStatement.execute("CREATE PREDICTOR lateness ON trip_space TARGET late "
          + "WITH (epochs = 8, seed = 99)");
      List<Double> recreated = probabilities(other, sql, 30);
      assertNotEquals(before, recreated, "other options and seed, another model");
      assertEquals(recreated, probabilities(prepared, 30),
          "the query prepared before the DROP uses the new predictor");
      assertEquals(recreated, probabilities(connection, sql, 30),
          "the connection open since before the DROP uses it too");
    }
  }

  /**
   * A prepared PREDICT checks only the predictor's and its space's stamp on each execution: a
   * predictor replaced or rolled back through another connection is used by its next execution,
   * and one whose space was replaced there is refused as stale.
   */
  @Test
  void preparedPredictSeesWhatOtherConnectionsChange() throws SQLException {
    String sql = "SELECT id, PREDICT_PROBA('lateness') AS p FROM trips WHERE id <= ? ORDER BY id";
    try (Connection other = DriverManager.getConnection("jdbc:rowspace:h2:mem:lifecycle");
         Statement elsewhere = other.createStatement();
         PreparedStatement prepared = connection.prepareStatement(sql)) {
      List<Double> first = probabilities(prepared, 30);
      assertEquals(first, probabilities(prepared, 30), "executed again on the same predictor");

      elsewhere.execute("CREATE OR REPLACE PREDICTOR lateness ON trip_space TARGET late "
          + "WITH (epochs = 5, seed = 99)");
      List<Double> replaced = probabilities(prepared, 30);
      assertNotEquals(first, replaced, "another seed, another model");
      assertEquals(probabilities(other, sql, 30), replaced,
          "the replaced predictor, as a query prepared now sees it");

      elsewhere.execute("ALTER PREDICTOR lateness ROLLBACK TO VERSION 1");
      assertEquals(first, probabilities(prepared, 30), "version 1 again after the rollback");

      elsewhere.execute("CREATE OR REPLACE EMBEDDING SPACE trip_space ON trips "
          + "WITH (epochs = 3, seed = 77)");
      SQLException stale = assertThrows(SQLException.class, () -> probabilities(prepared, 30));
      assertEquals("55000", stale.getSQLState(), stale.getMessage());
      assertTrue(stale.getMessage().contains("Predictor 'LATENESS' is STALE"), stale.getMessage());
    }
  }

  private static List<Double> probabilities(Connection on, String sql, int lastId)
      throws SQLException {
    try (PreparedStatement ps = on.prepareStatement(sql)) {
      return probabilities(ps, lastId);
    }
  }

  private static List<Double> probabilities(PreparedStatement ps, int lastId)
      throws SQLException {
    ps.setInt(1, lastId);
    List<Double> probabilities = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        probabilities.add(rs.getDouble("P"));
      }
    }
    assertEquals(lastId, probabilities.size());
    return probabilities;
  }

  private static double explicitProbabilityOfTrip(Connection on, int id) throws SQLException {
    try (Statement statement = on.createStatement();
         ResultSet rs = statement.executeQuery("SELECT PREDICT_PROBA('lateness', km => km, "
             + "mode => mode) FROM trips WHERE id = " + id)) {
      assertTrue(rs.next());
      return rs.getDouble(1);
    }
  }

  /** The trip whose probability is nearest one half: the least sure, far from any floor. */
  private static int midRangeTrip(Connection on) throws SQLException {
    int trip = -1;
    double distance = Double.POSITIVE_INFINITY;
    try (Statement statement = on.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT_PROBA('lateness', km => km, "
             + "mode => mode) FROM trips ORDER BY id")) {
      while (rs.next()) {
        if (Math.abs(rs.getDouble(2) - 0.5) < distance) {
          distance = Math.abs(rs.getDouble(2) - 0.5);
          trip = rs.getInt(1);
        }
      }
    }
    assertTrue(distance < 0.49, "no trip with a probability away from 0 and 1");
    return trip;
  }

  private static List<Integer> ids(PreparedStatement ps, double probability, int id)
      throws SQLException {
    ps.setDouble(1, probability);
    ps.setInt(2, id);
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  @Test
  void refreshMakesNewRowsFindable() throws SQLException {
    execute("INSERT INTO trips VALUES (500, 12.5, 'bike', FALSE, 4)");
    SQLException unknown = assertThrows(SQLException.class,
        () -> column("SELECT * FROM TABLE(SIMILAR_ROWS('trip_space', 500, 3))", "ID"));
    assertTrue(unknown.getMessage().contains("REFRESH EMBEDDING SPACE"), unknown.getMessage());
    try (Statement statement = connection.createStatement()) {
      assertEquals(241, statement.executeUpdate("REFRESH EMBEDDING SPACE trip_space"));
    }
    assertEquals(3, column("SELECT * FROM TABLE(SIMILAR_ROWS('trip_space', 500, 3))", "ID")
        .size());
  }

  @Test
  void preparedTableFunctionsUseTheSpaceAsItIsWhenTheyRun() throws SQLException {
    execute("INSERT INTO trips VALUES (500, 12.5, 'bike', FALSE, 4)");
    try (PreparedStatement similar = connection.prepareStatement(
             "SELECT id FROM TABLE(SIMILAR_ROWS('trip_space', ?, ?))");
         PreparedStatement embeddings = connection.prepareStatement(
             "SELECT COUNT(*), SUM(x) FROM TABLE(EMBEDDINGS('trip_space'))")) {
      similar.setInt(1, 500);
      similar.setInt(2, 3);
      SQLException unknown = assertThrows(SQLException.class, () -> ids(similar));
      assertEquals("22023", unknown.getSQLState(), unknown.getMessage());
      assertTrue(unknown.getMessage().contains("REFRESH EMBEDDING SPACE"), unknown.getMessage());
      similar.setInt(1, 7);
      List<Integer> nearSeven = ids(similar);
      assertEquals(3, nearSeven.size(), "k as a parameter");
      similar.setInt(2, 0);
      SQLException zero = assertThrows(SQLException.class, () -> ids(similar));
      assertEquals("22023", zero.getSQLState(), zero.getMessage());
      assertTrue(zero.getMessage().contains("k must be an integer between 1 and"),
          zero.getMessage());
      similar.setNull(2, Types.INTEGER);
      SQLException nullK = assertThrows(SQLException.class, () -> ids(similar));
      assertTrue(nullK.getMessage().contains("not NULL"), nullK.getMessage());
      assertEquals(List.of(240), ids(embeddings, 1));

      execute("REFRESH EMBEDDING SPACE trip_space");
      similar.setInt(1, 500);
      similar.setInt(2, 3);
      assertEquals(3, ids(similar).size(), "the prepared query finds the refreshed row");
      assertEquals(List.of(241), ids(embeddings, 1), "and lists it");

      execute("CREATE OR REPLACE EMBEDDING SPACE trip_space ON trips "
          + "WITH (epochs = 3, seed = 77)");
      similar.setInt(1, 7);
      List<Integer> replaced = ids(similar);
      assertEquals(column("SELECT id FROM TABLE(SIMILAR_ROWS('trip_space', 7, 3))", "ID"),
          replaced.stream().map(String::valueOf).toList(),
          "the prepared query searches the replaced space as a new query does");
      double sumAfter = sumOfX(embeddings);
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery(
               "SELECT SUM(x) FROM TABLE(EMBEDDINGS('trip_space'))")) {
        assertTrue(rs.next());
        assertEquals(rs.getDouble(1), sumAfter, 1e-9, "the replaced space's embeddings");
      }

      execute("DROP EMBEDDING SPACE trip_space CASCADE");
      SQLException dropped = assertThrows(SQLException.class, () -> ids(similar));
      assertEquals("42704", dropped.getSQLState(), dropped.getMessage());
    }
  }

  /**
   * A prepared SIMILAR_ROWS keeps the space's catalog row between executions and checks only its
   * stamp: a space replaced, rolled back or dropped through another connection is seen by its
   * next execution, and the neighbours' rows are read as they are now.
   */
  @Test
  void preparedSimilarRowsSeesWhatOtherConnectionsChange() throws SQLException {
    String query = "SELECT id, similarity, mode FROM TABLE(SIMILAR_ROWS('trip_space', 7, 3))";
    try (Connection other = DriverManager.getConnection("jdbc:rowspace:h2:mem:lifecycle");
         Statement elsewhere = other.createStatement();
         PreparedStatement similar = connection.prepareStatement(query)) {
      List<String> first = neighbours(similar.executeQuery());
      assertEquals(first, neighbours(similar.executeQuery()), "executed again on the same space");

      elsewhere.execute("CREATE OR REPLACE EMBEDDING SPACE trip_space ON trips "
          + "WITH (epochs = 3, seed = 77)");
      List<String> replaced = neighbours(similar.executeQuery());
      assertEquals(neighboursOfNewQuery(query), replaced,
          "the replaced space, as a query prepared now sees it");
      assertNotEquals(first, replaced, "seed 77 gives other similarities than seed 11");

      elsewhere.execute("ALTER EMBEDDING SPACE trip_space ROLLBACK TO VERSION 1");
      assertEquals(first, neighbours(similar.executeQuery()), "version 1 again after the rollback");

      int neighbour = Integer.parseInt(first.get(0).split(" ")[0]);
      elsewhere.executeUpdate("UPDATE trips SET mode = 'tram' WHERE id = " + neighbour);
      try (ResultSet rs = similar.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(neighbour, rs.getInt(1));
        assertEquals("tram", rs.getString(3), "the neighbour's row as it is now");
      }

      elsewhere.execute("DROP EMBEDDING SPACE trip_space CASCADE");
      SQLException dropped = assertThrows(SQLException.class, () -> ids(similar));
      assertEquals("42704", dropped.getSQLState(), dropped.getMessage());
      elsewhere.execute("CREATE EMBEDDING SPACE trip_space ON trips WITH (epochs = 3, seed = 77)");
      assertEquals(neighboursOfNewQuery(query), neighbours(similar.executeQuery()),
          "a space created again under the name");
    }
  }

  private List<String> neighboursOfNewQuery(String query) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return neighbours(statement.executeQuery(query));
    }
  }

  /** Each row's id and similarity, closing the rows. */
  private static List<String> neighbours(ResultSet rows) throws SQLException {
    List<String> neighbours = new ArrayList<>();
    try (ResultSet rs = rows) {
      while (rs.next()) {
        neighbours.add(rs.getInt(1) + " " + rs.getDouble(2));
      }
    }
    return neighbours;
  }

  private static List<Integer> ids(PreparedStatement ps) throws SQLException {
    return ids(ps, 1);
  }

  private static List<Integer> ids(PreparedStatement ps, int column) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(column));
      }
    }
    return ids;
  }

  private static double sumOfX(PreparedStatement embeddings) throws SQLException {
    try (ResultSet rs = embeddings.executeQuery()) {
      assertTrue(rs.next());
      return rs.getDouble(2);
    }
  }

  @Test
  void droppingWithCascadeRemovesTheSpaceAndItsPredictors() throws SQLException {
    execute("DROP EMBEDDING SPACE trip_space CASCADE");
    assertTrue(column("SHOW EMBEDDING SPACES", "NAME").isEmpty());
    assertTrue(column("SHOW PREDICTORS", "NAME").isEmpty());
    assertEquals(List.of("0"), column("SELECT COUNT(*) AS n FROM ROWSPACE.MODEL_BLOBS", "N"));
    execute("DROP EMBEDDING SPACE IF EXISTS trip_space");
  }

  @Test
  void aCancelledCreateLeavesNothing() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, () -> statement.execute(
          "CREATE EMBEDDING SPACE slow ON trips WITH (epochs = 5000)"));
      assertEquals("57014", e.getSQLState());
    }
    assertFalse(column("SHOW EMBEDDING SPACES", "NAME").contains("SLOW"));
    Properties limited = new Properties();
    limited.setProperty("rowspace.maxTrainingSeconds", "1");
    try (Connection capped = DriverManager.getConnection("jdbc:rowspace:h2:mem:lifecycle",
        limited); Statement statement = capped.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> statement.execute(
          "CREATE EMBEDDING SPACE slow ON trips WITH (epochs = 5000)"));
      assertEquals("57014", e.getSQLState());
      assertTrue(e.getMessage().contains("rowspace.maxTrainingSeconds"), e.getMessage());
    }
    assertFalse(column("SHOW EMBEDDING SPACES", "NAME").contains("SLOW"));
  }

  private double probabilityOfTrip(int id) throws SQLException {
    return Double.parseDouble(column("SELECT PREDICT_PROBA('lateness') AS p FROM trips "
        + "WHERE id = " + id, "P").get(0));
  }

  private List<String> column(String sql, String label) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(label));
      }
    }
    return values;
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
