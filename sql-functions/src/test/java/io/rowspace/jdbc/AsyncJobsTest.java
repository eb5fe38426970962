package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code WITH (async = true)}: the statement returns at once with a job id, the job shows its
 * progress and outcome in ROWSPACE.JOBS, and CANCEL JOB stops it leaving nothing behind.
 */
class AsyncJobsTest {
  private static final Pattern JOB_ID = Pattern.compile("Job '([0-9a-f-]+)' started");
  private static Connection connection;

  @BeforeAll
  static void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:async_jobs");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, minutes DOUBLE PRECISION, "
          + "pages INTEGER, source VARCHAR(10), bought VARCHAR(3))");
      statement.execute("INSERT INTO visits SELECT x, MOD(x * 13, 60) + 0.5, MOD(x * 7, 20), "
          + "CASEWHEN(MOD(x, 3) = 0, 'ads', 'search'), CASEWHEN(MOD(x * 13, 60) > 40, 'yes', "
          + "'no') FROM SYSTEM_RANGE(1, 1500)");
      statement.execute("CREATE EMBEDDING SPACE visit_space ON visits WITH (epochs = 2)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void anAsyncCreateReturnsAtOnceAndItsJobEndsDone() throws Exception {
    String job;
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE background_space ON visits "
          + "WITH (async = true, epochs = 2)");
      job = jobId(statement.getWarnings());
    }
    assertEquals("DONE", awaitEnd(job), message(job));
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT kind, model, progress, finished_at "
             + "FROM ROWSPACE.JOBS WHERE job_id = '" + job + "'")) {
      assertTrue(rs.next());
      assertEquals("CREATE EMBEDDING SPACE", rs.getString(1));
      assertEquals("BACKGROUND_SPACE", rs.getString(2));
      assertEquals(1.0, rs.getDouble(3));
      assertTrue(rs.getTimestamp(4) != null);
    }
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES WHERE name = 'BACKGROUND_SPACE'")) {
      rs.next();
      assertEquals(1, rs.getInt(1), "the space the job created is there");
    }
    SQLException unknown = assertThrows(SQLException.class,
        () -> execute("CANCEL JOB 'no-such-job'"));
    assertEquals("42704", unknown.getSQLState());
  }

  @Test
  void aCancelledJobEndsCancelledAndLeavesNoPredictor() throws Exception {
    String job;
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE PREDICTOR slow_buyer ON visit_space TARGET bought "
          + "WITH (async = true, epochs = 100000)");
      job = jobId(statement.getWarnings());
      statement.execute("CANCEL JOB '" + job + "'");
    }
    assertEquals("CANCELLED", awaitEnd(job), message(job));
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT COUNT(*) FROM ROWSPACE.PREDICTORS WHERE name = 'SLOW_BUYER'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "a cancelled CREATE leaves nothing");
    }
  }

  private static String jobId(SQLWarning warnings) {
    for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
      Matcher matcher = JOB_ID.matcher(w.getMessage());
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no job id among the statement's warnings");
  }

  private static String awaitEnd(String job) throws Exception {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery(
               "SELECT state FROM ROWSPACE.JOBS WHERE job_id = '" + job + "'")) {
        assertTrue(rs.next(), "the job is listed from its start");
        String state = rs.getString(1);
        assertFalse(state.isEmpty());
        if (!state.equals("RUNNING")) {
          return state;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("job " + job + " still running after 10 minutes");
  }

  private static String message(String job) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT message FROM ROWSPACE.JOBS WHERE job_id = '" + job + "'")) {
      return rs.next() ? rs.getString(1) : "(no row)";
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
