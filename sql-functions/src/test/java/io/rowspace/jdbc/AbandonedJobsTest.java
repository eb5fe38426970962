package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.catalog.JobOwner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A job recorded as RUNNING by another process: while that process lives, CANCEL JOB says where
 * the job runs and what to do; once it has ended, the next connection shows the job FAILED
 * (abandoned). The other process here is a real JVM that only sleeps, so the test needs no
 * training.
 */
class AbandonedJobsTest {

  @Test
  void aJobOfAnotherLiveProcessCannotBeCancelledHereAndShowsAbandonedOnceItEnds()
      throws Exception {
    String url = "jdbc:rowspace:h2:mem:abandoned_jobs";
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), SleepingMain.class.getName())
        .start();
    try (Connection connection = DriverManager.getConnection(url)) {
      ProcessHandle handle = other.toHandle();
      JobOwner owner = new JobOwner(JobOwner.current().host(), handle.pid(),
          handle.info().startInstant().orElseThrow().toEpochMilli());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ROWSPACE.JOBS "
          + "(job_id, kind, model, state, progress, started_at, message, owner, heartbeat_at) "
          + "VALUES ('job-1', 'CREATE EMBEDDING SPACE', 'SHOP', 'RUNNING', 0.3, ?, "
          + "'train 3/10', ?, ?)")) {
        Timestamp now = Timestamp.from(Instant.now());
        insert.setTimestamp(1, now);
        insert.setString(2, owner.encode());
        insert.setTimestamp(3, now);
        insert.executeUpdate();
      }
      SQLException elsewhere = assertThrows(SQLException.class,
          () -> execute(connection, "CANCEL JOB 'job-1'"));
      assertEquals("55000", elsewhere.getSQLState(), elsewhere.getMessage());
      assertTrue(elsewhere.getMessage().contains("runs in another process (process "
          + handle.pid() + " on host " + owner.host() + "), which is still alive"),
          elsewhere.getMessage());
      try (Connection again = DriverManager.getConnection(url)) {
        assertEquals("RUNNING", state(again), "its process still runs");
      }

      other.destroyForcibly();
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
      try (Connection next = DriverManager.getConnection(url)) {
        assertEquals("FAILED", state(next));
        try (Statement statement = next.createStatement();
             ResultSet rs = statement.executeQuery(
                 "SELECT message, finished_at FROM ROWSPACE.JOBS WHERE job_id = 'job-1'")) {
          assertTrue(rs.next());
          assertTrue(rs.getString(1).startsWith("abandoned: the process that ran it ended "
              + "(process " + handle.pid()), rs.getString(1));
          assertTrue(rs.getString(1).contains("run the statement again to resume"));
          assertTrue(rs.getTimestamp(2) != null);
        }
        execute(next, "CANCEL JOB 'job-1'"); // already ended: a warning, not an error
      }
    } finally {
      other.destroyForcibly();
    }
  }

  private static String state(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT state FROM ROWSPACE.JOBS WHERE job_id = 'job-1'")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The other process: a JVM that sleeps until it is killed. */
  public static final class SleepingMain {
    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(TimeUnit.MINUTES.toMillis(2));
    }
  }
}
