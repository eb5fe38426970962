package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * The semantic path as a user meets it: SPACE_COLUMNS says which columns take the sentence model,
 * {@code sentence_model = false} turns it off, a bad value is named, and a value never seen in
 * training is predicted without error.
 */
class SentenceModelOptionTest {
  private static Connection connection;

  @BeforeAll
  static void jobs() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:sentence_model_option");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, job VARCHAR(20), "
          + "grade VARCHAR(4), hours DOUBLE PRECISION, shift VARCHAR(5))");
    }
    String[] jobs = {"nurse", "surgeon", "teacher", "lecturer", "driver", "pilot"};
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO staff VALUES (?, ?, ?, ?, ?)")) {
      Random random = new Random(3);
      for (int id = 1; id <= 150; id++) {
        int job = random.nextInt(jobs.length);
        insert.setInt(1, id);
        insert.setString(2, jobs[job]);
        insert.setString(3, "G" + (10 + random.nextInt(4)));
        insert.setDouble(4, 20 + job * 4 + random.nextGaussian());
        insert.setString(5, job < 2 ? "night" : "day");
        insert.addBatch();
      }
      insert.executeBatch();
    }
    execute("CREATE EMBEDDING SPACE staff_space ON staff WITH (epochs = 2)");
    execute("CREATE EMBEDDING SPACE staff_learned ON staff "
        + "WITH (epochs = 2, sentence_model = false)");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void spaceColumnsSayWhichColumnsTakeTheSentenceModel() throws SQLException {
    assertTrue(encoder("STAFF_SPACE", "JOB").contains("sentence model all-MiniLM-L6-v2"),
        encoder("STAFF_SPACE", "JOB"));
    assertFalse(encoder("STAFF_SPACE", "GRADE").contains("sentence model"),
        "codes keep learned embeddings: " + encoder("STAFF_SPACE", "GRADE"));
    assertFalse(encoder("STAFF_LEARNED", "JOB").contains("sentence model"),
        encoder("STAFF_LEARNED", "JOB"));
  }

  @Test
  void aBadValueIsNamed() {
    SQLException e = assertThrows(SQLException.class, () -> execute(
        "CREATE EMBEDDING SPACE s2 ON staff WITH (sentence_model = 'maybe')"));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("sentence_model") && e.getMessage().contains("auto"),
        e.getMessage());
  }

  @Test
  void aJobNeverSeenInTrainingIsScored() throws SQLException {
    execute("CREATE TABLE staff_new AS SELECT id + 1000 AS id, 'paramedic' AS job, grade, hours, "
        + "shift FROM staff WHERE id <= 3");
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, ANOMALY_SCORE('staff_space') AS a FROM staff_new ORDER BY id")) {
      int rows = 0;
      while (rs.next()) {
        assertTrue(Double.isFinite(rs.getDouble("a")), "row " + rs.getInt("id"));
        rows++;
      }
      assertEquals(3, rows);
    }
  }

  private static String encoder(String space, String column) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT encoder FROM "
        + "ROWSPACE.SPACE_COLUMNS WHERE space = ? AND column_name = ?")) {
      query.setString(1, space);
      query.setString(2, column);
      try (ResultSet rs = query.executeQuery()) {
        assertTrue(rs.next(), space + "." + column);
        return rs.getString(1);
      }
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
