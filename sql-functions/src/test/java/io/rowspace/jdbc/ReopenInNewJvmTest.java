package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.backing.BackingDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models are schema objects stored in the database file: a new JVM that opens the file finds
 * the space and the predictor and predicts exactly what the JVM that trained them predicted.
 */
class ReopenInNewJvmTest {
  @TempDir
  Path folder;

  @Test
  void aNewJvmFindsAndUsesTheStoredModels() throws Exception {
    String url = "jdbc:rowspace:h2:" + folder.resolve("shop").toAbsolutePath();
    List<String> before;
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, pages INTEGER, "
          + "source VARCHAR(10), bought VARCHAR(3))");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO visits VALUES (?, ?, ?, ?)")) {
        Random random = new Random(3);
        for (int id = 1; id <= 200; id++) {
          int pages = random.nextInt(30);
          insert.setInt(1, id);
          insert.setInt(2, pages);
          insert.setString(3, random.nextBoolean() ? "ad" : "search");
          insert.setString(4, pages > 15 ? "yes" : "no");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("CREATE EMBEDDING SPACE visit_space ON visits WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR buyer ON visit_space TARGET bought WITH (epochs = 5)");
      before = ReopenedDatabaseMain.predictions(connection);
    }
    // Release the file so the other JVM can open it, as a restarted application would.
    BackingDatabase.close(url.replace("jdbc:rowspace:", "jdbc:"));

    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        ReopenedDatabaseMain.class.getName(), url)
        .redirectErrorStream(false)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the other JVM finishes");
    assertEquals(0, process.exitValue(), errors);
    List<String> after = List.of(output.strip().split("\n"));
    assertEquals(200, after.size());
    assertEquals(before, after, "same models, same predictions");
  }

  /** Run in the other JVM: opens the database file and prints every row's prediction. */
  public static final class ReopenedDatabaseMain {
    private ReopenedDatabaseMain() {
    }

    public static void main(String[] args) throws SQLException, IOException {
      try (Connection connection = DriverManager.getConnection(args[0])) {
        for (String line : predictions(connection)) {
          System.out.println(line);
        }
      }
    }

    static List<String> predictions(Connection connection) throws SQLException {
      List<String> lines = new ArrayList<>();
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery("SELECT id, PREDICT('buyer') AS label, "
               + "PREDICT_PROBA('buyer', 'yes') AS p FROM visits ORDER BY id")) {
        while (rs.next()) {
          lines.add(rs.getInt(1) + "," + rs.getString(2) + "," + rs.getDouble(3));
        }
      }
      return lines;
    }
  }
}
