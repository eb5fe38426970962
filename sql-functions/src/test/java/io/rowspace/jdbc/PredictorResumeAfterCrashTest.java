package io.rowspace.jdbc;

import static io.rowspace.jdbc.JdbcCalls.executeForWarnings;
import static io.rowspace.jdbc.JdbcCalls.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.backing.BackingDatabase;
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
 * A process that dies while {@code CREATE PREDICTOR} trains leaves the predictor's checkpoint in
 * the database; running the same statement again resumes from it, says so, and stores exactly
 * the predictor an uninterrupted run stores (checksum, timeline, PREDICT outputs); the finished
 * statement leaves no checkpoint. (A run with another seed or other rows never takes a
 * checkpoint: {@code PredictorCheckpointTest} in the engine.)
 */
class PredictorResumeAfterCrashTest {
  private static final String SPACE = "CREATE EMBEDDING SPACE visits_space ON visits "
      + "WITH (epochs = 2, seed = 5, d_model = 16, layers = 1)";
  private static final String PREDICTOR = "CREATE PREDICTOR bought_p ON EMBEDDING SPACE "
      + "visits_space TARGET bought WITH (epochs = 40, fine_tune = 'true', seed = 9)";

  @TempDir
  Path folder;

  @Test
  void aKilledPredictorStatementResumesBitIdentical() throws Exception {
    String url = "jdbc:rowspace:h2:" + folder.resolve("crash").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url, settings())) {
      fill(connection);
      executeForWarnings(connection, SPACE);
    }
    BackingDatabase.close(url.replace("jdbc:rowspace:", "jdbc:"));

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        DyingTrainerMain.class.getName(), url, PREDICTOR.replace("WITH (", "WITH (async = true, "))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child died at a checkpoint");
    assertEquals(137, child.exitValue(), "the child halted after a checkpoint, as kill -9 would");

    try (Connection connection = DriverManager.getConnection(url, settings())) {
      int saved = ((Number) scalar(connection, "SELECT epoch FROM ROWSPACE.CHECKPOINTS "
          + "WHERE kind = 'PREDICTOR' AND model = 'BOUGHT_P'")).intValue();
      assertTrue(saved >= 3, "epoch " + saved);
      assertEquals(0L, ((Number) scalar(connection, "SELECT COUNT(*) FROM ROWSPACE.PREDICTORS"))
          .longValue(), "nothing of the interrupted predictor is visible");

      List<String> warnings = executeForWarnings(connection, PREDICTOR);
      assertTrue(warnings.stream().anyMatch(w -> w.contains(
          "resumed from the checkpoint of epoch " + saved + " ")), warnings.toString());
      assertEquals(0L, ((Number) scalar(connection, "SELECT COUNT(*) FROM ROWSPACE.CHECKPOINTS"))
          .longValue(), "the finished statement's checkpoint is gone");
      assertEquals(0L, ((Number) scalar(connection,
          "SELECT COUNT(*) FROM ROWSPACE.CHECKPOINT_CHUNKS")).longValue());
      List<Object> resumed = stored(connection);

      try (Connection reference = DriverManager.getConnection(
          "jdbc:rowspace:h2:mem:uninterrupted_predictor", settings())) {
        fill(reference);
        executeForWarnings(reference, SPACE);
        List<String> plain = executeForWarnings(reference, PREDICTOR);
        assertTrue(plain.stream().noneMatch(w -> w.contains("resumed")), plain.toString());
        assertEquals(stored(reference), resumed,
            "model checksum, timeline and PREDICT outputs are identical");
      }
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
          + "CASEWHEN(MOD(x, 3) = 0, 'ads', 'search'), CASEWHEN(MOD(x * 13, 60) + MOD(x, 7) > 40, "
          + "'yes', 'no') FROM SYSTEM_RANGE(1, 600)");
    }
  }

  private static List<Object> stored(Connection connection) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT checksum, metric_value, options "
          + "FROM ROWSPACE.PREDICTORS WHERE name = 'BOUGHT_P'")) {
        assertTrue(rs.next());
        for (int i = 1; i <= 3; i++) {
          values.add(rs.getObject(i));
        }
      }
      try (ResultSet rs = statement.executeQuery("SELECT epoch, train_loss, validation_loss, "
          + "learning_rate, actions FROM ROWSPACE.TRAINING_TIMELINE WHERE model = 'BOUGHT_P' "
          + "ORDER BY epoch")) {
        while (rs.next()) {
          values.add(List.of(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
              String.valueOf(rs.getString(5))));
        }
      }
      try (ResultSet rs = statement.executeQuery("SELECT id, PREDICT('bought_p'), "
          + "PREDICT_PROBA('bought_p') FROM visits ORDER BY id")) {
        while (rs.next()) {
          values.add(List.of(rs.getInt(1), rs.getString(2), String.valueOf(rs.getObject(3))));
        }
      }
    }
    return values;
  }



  /**
   * Run in the child JVM: starts the statement as a background job and halts the JVM (no
   * shutdown hooks, no cleanup: a crash) once the job has saved the checkpoint of its third
   * epoch. It waits to see the fourth: H2 shows a commit to other sessions a moment before the
   * committing one has written it to the file (durable is what a returned commit is), and the
   * job saves the fourth only after the third's commit returned.
   */
  public static final class DyingTrainerMain {
    private DyingTrainerMain() {
    }

    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection(args[0], settings());
           Statement statement = connection.createStatement()) {
        statement.execute(args[1]);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
          try (ResultSet rs = statement.executeQuery("SELECT MAX(epoch) FROM "
              + "ROWSPACE.CHECKPOINTS WHERE kind = 'PREDICTOR'")) {
            rs.next();
            if (rs.getInt(1) >= 4) {
              Runtime.getRuntime().halt(137);
            }
          }
          Thread.sleep(20);
        }
      }
      System.exit(1);
    }
  }
}
