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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything a user can get wrong so far gives an SQLException with the SQLSTATE of SPEC
 * section 9 and a message that names the object and the fix; a failed CREATE leaves nothing.
 */
class UserErrorsTest {
  private static Connection connection;

  @BeforeAll
  static void smallSpaceAndPredictor() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:user_errors");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE shop (id INTEGER PRIMARY KEY, plan VARCHAR(10), "
          + "visits INTEGER, spend DOUBLE PRECISION, region VARCHAR(10), churned VARCHAR(3), "
          + "country VARCHAR(10))");
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO shop VALUES (?, ?, ?, ?, ?, ?, 'NL')")) {
      java.util.Random random = new java.util.Random(7);
      for (int id = 1; id <= 300; id++) {
        int visits = random.nextInt(40);
        String plan = visits > 20 ? "pro" : random.nextBoolean() ? "basic" : "free";
        insert.setInt(1, id);
        insert.setString(2, plan);
        insert.setInt(3, visits);
        insert.setDouble(4, visits * 3.5 + random.nextGaussian() * 10);
        insert.setString(5, random.nextBoolean() ? "north" : "south");
        insert.setString(6, visits < 8 ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
    execute("CREATE EMBEDDING SPACE shop_space ON shop WITH (epochs = 3)");
    execute("CREATE PREDICTOR churn ON shop_space TARGET churned WITH (epochs = 5)");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void syntaxErrorsGiveTheirPosition() {
    SQLException e = fails("CREATE EMBEDDING SPACE s2 ON");
    assertEquals("42000", e.getSQLState());
    assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
    SQLException missingTarget = fails("CREATE PREDICTOR p2 ON shop_space");
    assertEquals("42000", missingTarget.getSQLState());
  }

  /**
   * Calcite validates the user's own parse tree, so an unknown column beside a model call is
   * reported where the user wrote it: not where the name first occurs in the text (here in a
   * string literal), nor in text the rewrite made.
   */
  @Test
  void unknownColumnBesideAModelCallIsPositionedInTheUsersText() throws SQLException {
    String select = "SELECT 'visitz' AS label,\n"
        + "       PREDICT('churn') AS p, visitz\nFROM shop";
    SQLException inSelect = fails(select);
    assertEquals("42S22", inSelect.getSQLState(), inSelect.getMessage());
    assertTrue(inSelect.getMessage().contains("line 2, column 31"), inSelect.getMessage());
    assertFalse(inSelect.getMessage().contains("ROWSPACE_"), inSelect.getMessage());
    String where = "SELECT id, PREDICT('churn') AS p\nFROM shop\nWHERE visits > 3\n"
        + "  AND nosuch = 'x'";
    SQLException inWhere = fails(where);
    assertEquals("42S22", inWhere.getSQLState(), inWhere.getMessage());
    assertTrue(inWhere.getMessage().contains("line 4, column 7"), inWhere.getMessage());
    SQLException prepared = assertThrows(SQLException.class,
        () -> connection.prepareStatement(select).close());
    assertEquals("42S22", prepared.getSQLState(), prepared.getMessage());
    assertTrue(prepared.getMessage().contains("line 2, column 31"), prepared.getMessage());
  }

  @Test
  void unknownTableListsTheTablesThatExist() {
    SQLException e = fails("CREATE EMBEDDING SPACE s2 ON no_such_table");
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().contains("NO_SUCH_TABLE") && e.getMessage().contains("SHOP"),
        e.getMessage());
  }

  @Test
  void unknownColumnNamesTheTableAndItsColumns() {
    SQLException excluded = fails("CREATE EMBEDDING SPACE s2 ON shop EXCLUDE COLUMNS (nope)");
    assertEquals("42S22", excluded.getSQLState());
    assertTrue(excluded.getMessage().contains("NOPE") && excluded.getMessage().contains("VISITS"));
    SQLException target = fails("CREATE PREDICTOR p2 ON shop_space TARGET nope");
    assertEquals("42S22", target.getSQLState());
  }

  @Test
  void unknownSpaceAndPredictorListWhatExists() {
    SQLException space = fails("CREATE PREDICTOR p2 ON no_space TARGET plan");
    assertEquals("42704", space.getSQLState());
    assertTrue(space.getMessage().contains("NO_SPACE") && space.getMessage().contains("SHOP_SPACE"),
        space.getMessage());
    SQLException predictor = fails("SELECT PREDICT('no_predictor') FROM shop");
    assertEquals("42704", predictor.getSQLState());
    assertTrue(predictor.getMessage().contains("CHURN"), predictor.getMessage());
    SQLException similar = fails("SELECT * FROM TABLE(SIMILAR_ROWS('no_space', 1, 3))");
    assertEquals("42704", similar.getSQLState());
    assertEquals("42704", fails("DROP PREDICTOR no_predictor").getSQLState());
    assertEquals("42704", fails("DESCRIBE EMBEDDING SPACE no_space").getSQLState());
  }

  @Test
  void creatingWhatExistsSaysHowToReplaceIt() throws SQLException {
    SQLException e = fails("CREATE EMBEDDING SPACE shop_space ON shop");
    assertEquals("42710", e.getSQLState());
    assertTrue(e.getMessage().contains("OR REPLACE"), e.getMessage());
    assertEquals("42710", fails("CREATE PREDICTOR churn ON shop_space TARGET churned")
        .getSQLState());
    try (Statement statement = connection.createStatement()) {
      assertEquals(0, statement.executeUpdate(
          "CREATE EMBEDDING SPACE IF NOT EXISTS shop_space ON shop"));
    }
  }

  @Test
  void badOptionsAreNamedAndLeaveNothingBehind() throws SQLException {
    SQLException unknown = fails("CREATE EMBEDDING SPACE s3 ON shop WITH (epocs = 3)");
    assertEquals("22023", unknown.getSQLState());
    assertTrue(unknown.getMessage().contains("epocs"), unknown.getMessage());
    SQLException badValue = fails("CREATE EMBEDDING SPACE s3 ON shop WITH (epochs = 'ten')");
    assertEquals("22023", badValue.getSQLState());
    assertTrue(badValue.getMessage().contains("epochs"), badValue.getMessage());
    assertFalse(exists("SELECT 1 FROM ROWSPACE.EMBEDDING_SPACES WHERE name = 'S3'"));
    assertFalse(exists("SELECT 1 FROM ROWSPACE.SPACE_COLUMNS WHERE space = 'S3'"));
  }

  @Test
  void kOutsideItsRangeIsRejected() {
    SQLException zero = fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 1, 0))");
    assertEquals("22023", zero.getSQLState());
    assertTrue(zero.getMessage().contains("between 1 and"), zero.getMessage());
    assertEquals("22023",
        fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 1, 100000))").getSQLState());
    assertEquals("22023",
        fails("SELECT * FROM TABLE(SIMILAR_ROWS('shop_space', 999999, 3))").getSQLState());
  }

  @Test
  void aTargetWithOneValueIsUnusableAndLeavesNoPredictor() throws SQLException {
    SQLException e = fails("CREATE PREDICTOR by_country ON shop_space TARGET country");
    assertEquals("22000", e.getSQLState());
    assertTrue(e.getMessage().contains("COUNTRY"), e.getMessage());
    assertFalse(exists("SELECT 1 FROM ROWSPACE.PREDICTORS WHERE name = 'BY_COUNTRY'"));
    assertFalse(exists("SELECT 1 FROM ROWSPACE.MODEL_BLOBS WHERE name = 'BY_COUNTRY'"));
  }

  @Test
  void aSpaceInUseCannotBeDroppedWithoutCascade() {
    SQLException e = fails("DROP EMBEDDING SPACE shop_space");
    assertTrue(e.getMessage().contains("CHURN") && e.getMessage().contains("CASCADE"),
        e.getMessage());
  }

  @Test
  void statementsThatAreNotRowspacesRunOnTheBackingDatabase() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT H2VERSION()")) {
        assertTrue(rs.next());
      }
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO shop VALUES (1000, 'free', 1, 1.0, 'north', 'yes', "
          + "'NL')");
      connection.rollback();
      connection.setAutoCommit(true);
      assertFalse(exists("SELECT 1 FROM shop WHERE id = 1000"));
    }
  }

  private static boolean exists(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return rs.next();
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static SQLException fails(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.createStatement()) {
        if (statement.execute(sql)) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
      }
    }, sql);
  }
}
