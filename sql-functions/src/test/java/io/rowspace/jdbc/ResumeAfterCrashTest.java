package io.rowspace.jdbc;

import static io.rowspace.jdbc.JdbcCalls.executeForWarnings;
import static io.rowspace.jdbc.JdbcCalls.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.backing.BackingDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed while its job trains leaves a checkpoint in the database and its job shows
 * FAILED (abandoned) on the next open; running the same statement again resumes from the
 * checkpoint and stores exactly the space an uninterrupted run stores. A cancelled statement
 * leaves no checkpoint.
 */
class ResumeAfterCrashTest {
  private static final String CREATE = "CREATE EMBEDDING SPACE crashed ON visits "
      + "WITH (epochs = 16, seed = 5, d_model = 32)";

  @TempDir
  Path folder;

  @Test
  void aKilledJobShowsAbandonedAndItsStatementResumesBitIdentical() throws Exception {
    // Commits reach the file at once, so the checkpoint the child reported survives its kill.
    String url = "jdbc:rowspace:h2:" + folder.resolve("crash").toAbsolutePath()
        + ";WRITE_DELAY=0";
    try (Connection connection = DriverManager.getConnection(url, settings())) {
      fill(connection);
    }
    BackingDatabase.close(url.replace("jdbc:rowspace:", "jdbc:"));

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        CrashingJobMain.class.getName(), url, CREATE.replace("WITH (", "WITH (async = true, "))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String reported;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      reported = out.readLine();
    } finally {
      if (child.isAlive()) {
        Thread.sleep(500);
      }
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    assertNotNull(reported, "the child reports a checkpoint before it is killed");
    assertTrue(reported.startsWith("CHECKPOINT "), reported);

    try (Connection connection = DriverManager.getConnection(url, settings())) {
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery("SELECT state, message FROM ROWSPACE.JOBS "
               + "WHERE model = 'CRASHED'")) {
        assertTrue(rs.next());
        assertEquals("FAILED", rs.getString(1), rs.getString(2));
        assertTrue(rs.getString(2).startsWith("abandoned: the process that ran it ended"),
            rs.getString(2));
      }
      int saved = ((Number) scalar(connection, "SELECT epoch FROM ROWSPACE.CHECKPOINTS "
          + "WHERE model = 'CRASHED'")).intValue();
      assertTrue(saved >= 1 && saved < 16, "epoch " + saved);

      List<String> warnings = executeForWarnings(connection, CREATE);
      assertTrue(warnings.stream().anyMatch(w -> w.contains(
          "resumed from the checkpoint of epoch " + saved + " ")), warnings.toString());
      assertEquals(0L, ((Number) scalar(connection, "SELECT COUNT(*) FROM ROWSPACE.CHECKPOINTS"))
          .longValue(), "the finished statement's checkpoint is gone");
      List<Object> resumed = stored(connection);

      try (Connection reference = DriverManager.getConnection(
          "jdbc:rowspace:h2:mem:uninterrupted", settings())) {
        fill(reference);
        List<String> plain = executeForWarnings(reference, CREATE);
        assertTrue(plain.stream().noneMatch(w -> w.contains("resumed")), plain.toString());
        assertEquals(stored(reference), resumed,
            "model checksum, row vectors checksum and the timeline's losses are identical");
      }
    }
  }

  @Test
  void aCancelledStatementLeavesNoCheckpoint() throws Exception {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:rowspace:h2:mem:cancelled_checkpoint", settings())) {
      fill(connection);
      try (Statement statement = connection.createStatement()) {
        RowspaceStatement rowspace = statement.unwrap(RowspaceStatement.class);
        rowspace.setProgressListener((phase, step, total, message) -> {
          if (phase.endsWith("train") && step >= 3) {
            try {
              statement.cancel();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        });
        SQLException cancelled = assertThrows(SQLException.class, () -> statement.execute(
            CREATE));
        assertEquals("57014", cancelled.getSQLState(), cancelled.getMessage());
      }
      assertEquals(0L, ((Number) scalar(connection,
          "SELECT COUNT(*) FROM ROWSPACE.CHECKPOINTS")).longValue());
      assertEquals(0L, ((Number) scalar(connection,
          "SELECT COUNT(*) FROM ROWSPACE.CHECKPOINT_CHUNKS")).longValue());
    }
  }

  /** Checkpoints after every epoch; the same threads in every process, for identical bits. */
  private static Properties settings() {
    Properties settings = new Properties();
    settings.setProperty("rowspace.checkpointSeconds", "0");
    settings.setProperty("rowspace.threads", "2");
    return settings;
  }

  private static void fill(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, minutes DOUBLE PRECISION, "
          + "pages INTEGER, source VARCHAR(10), bought VARCHAR(3))");
      statement.execute("INSERT INTO visits SELECT x, MOD(x * 13, 60) + 0.5, MOD(x * 7, 20), "
          + "CASEWHEN(MOD(x, 3) = 0, 'ads', 'search'), CASEWHEN(MOD(x * 13, 60) > 40, 'yes', "
          + "'no') FROM SYSTEM_RANGE(1, 300)");
    }
  }

  private static List<Object> stored(Connection connection) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT checksum, vectors_checksum, epochs, "
          + "final_validation_loss FROM ROWSPACE.EMBEDDING_SPACES WHERE name = 'CRASHED'")) {
        assertTrue(rs.next());
        for (int i = 1; i <= 4; i++) {
          values.add(rs.getObject(i));
        }
      }
      try (ResultSet rs = statement.executeQuery("SELECT epoch, train_loss, validation_loss, "
          + "learning_rate, actions FROM ROWSPACE.TRAINING_TIMELINE WHERE model = 'CRASHED' "
          + "ORDER BY epoch")) {
        while (rs.next()) {
          values.add(List.of(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
              String.valueOf(rs.getString(5))));
        }
      }
    }
    return values;
  }



  /**
   * Run in the child JVM: starts the statement as a background job, waits until the job has
   * saved the checkpoint of its third epoch, says so on standard output and waits to be killed.
   */
  public static final class CrashingJobMain {
    private CrashingJobMain() {
    }

    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection(args[0], settings());
           Statement statement = connection.createStatement()) {
        statement.execute(args[1]);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
          try (ResultSet rs = statement.executeQuery("SELECT MAX(epoch) FROM "
              + "ROWSPACE.CHECKPOINTS WHERE model = 'CRASHED'")) {
            rs.next();
            if (rs.getInt(1) >= 3) {
              System.out.println("CHECKPOINT " + rs.getInt(1));
              System.out.flush();
              Thread.sleep(TimeUnit.MINUTES.toMillis(3));
            }
          }
          Thread.sleep(50);
        }
      }
    }
  }
}
