package io.rowspace.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.server.RowspaceServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent clients, each in a JVM of its own whose class path holds only sqlline and one
 * driver jar, against a Rowspace server started here: the thin {@code rowspace-jdbc} jar, and
 * Avatica's own standalone client as a generic BI tool has it (with SLF4J's API, which that jar
 * needs and does not bring). Both run PREDICT and SIMILAR_ROWS
 * and read metadata; the thin jar's keys and product name come through DatabaseMetaData.
 */
class ClientJarsTest {
  private static final String DATABASE = "jdbc:rowspace:h2:mem:clients;DB_CLOSE_DELAY=-1";
  private static RowspaceServer server;

  @BeforeAll
  static void serve() throws SQLException {
    // Creating tables and indexes needs role admin; a server without users gives role write.
    try (Connection local = DriverManager.getConnection(DATABASE);
         Statement statement = local.createStatement()) {
      statement.execute("CREATE TABLE gardens (id INTEGER PRIMARY KEY, name VARCHAR(20))");
      statement.execute("CREATE TABLE plants (id INTEGER PRIMARY KEY, garden_id INTEGER "
          + "REFERENCES gardens(id), height DOUBLE PRECISION, leaves INTEGER, kind VARCHAR(10))");
      statement.execute("CREATE INDEX plants_by_height ON plants(height)");
    }
    server = RowspaceServer.start(DATABASE, 0, null);
    try (Connection connection = DriverManager.getConnection(server.clientUrl("localhost"));
         Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO gardens SELECT x, 'garden ' || x FROM SYSTEM_RANGE(1, 4)");
      statement.execute("INSERT INTO plants SELECT x, MOD(x, 4) + 1, MOD(x * 17, 100) / 10.0, "
          + "MOD(x * 7, 30), CASEWHEN(MOD(x * 17, 100) > 50, 'tree', 'shrub') "
          + "FROM SYSTEM_RANGE(1, 600)");
      statement.execute("CREATE EMBEDDING SPACE plant_space ON plants INCLUDE NO RELATED TABLES "
          + "WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR plant_kind ON plant_space TARGET kind "
          + "WITH (epochs = 5)");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sqllineWithOnlyTheThinJarPredictsAndReadsKeys(@TempDir Path directory)
      throws IOException, InterruptedException {
    Path thin = jar("rowspace.thinJar");
    assertTrue(Files.size(thin) < 12_000_000, "the thin jar is a few MB: " + Files.size(thin));
    String output = sqlline(directory, thin.toString(), "io.rowspace.jdbc.remote.RemoteDriver",
        server.clientUrl("localhost"), List.of(
            "SELECT id, PREDICT('plant_kind') AS kind FROM plants WHERE id <= 3 ORDER BY id;",
            "SELECT \"RANK\", id FROM TABLE(SIMILAR_ROWS('plant_space', 1, 2)) ORDER BY 1;",
            "!metadata getDatabaseProductName",
            "!primarykeys PLANTS",
            "!importedkeys PLANTS",
            "!indexes PLANTS"));
    assertPredictionsAndNeighbours(output);
    assertTrue(output.contains("H2"), output);
    assertTrue(output.contains("'PUBLIC','PLANTS','ID','1'"), "the primary key: " + output);
    assertTrue(output.contains("'PUBLIC','GARDENS','ID'"), "the foreign key to GARDENS: "
        + output);
    assertTrue(output.contains("PLANTS_BY_HEIGHT"), "the index: " + output);
  }

  @Test
  void sqllineWithAvaticasOwnDriverPredictsAndReadsTables(@TempDir Path directory)
      throws IOException, InterruptedException {
    String url = "jdbc:avatica:remote:url=http://localhost:" + server.port()
        + ";serialization=PROTOBUF";
    String output = sqlline(directory,
        jar("rowspace.avaticaJar") + File.pathSeparator + jar("rowspace.slf4jJar"),
        "org.apache.calcite.avatica.remote.Driver", url, List.of(
            "SELECT id, PREDICT('plant_kind') AS kind FROM plants WHERE id <= 3 ORDER BY id;",
            "SELECT \"RANK\", id FROM TABLE(SIMILAR_ROWS('plant_space', 1, 2)) ORDER BY 1;",
            "!tables",
            "!columns PLANTS",
            // Avatica's protocol has no request for keys; the server call reads them.
            "CALL ROWSPACE_SERVER.METADATA('getPrimaryKeys', NULL, 'PUBLIC', 'PLANTS');"));
    assertPredictionsAndNeighbours(output);
    assertTrue(output.contains("GARDENS") && output.contains("PLANTS"), output);
    assertTrue(output.contains("LEAVES"), "the columns of PLANTS: " + output);
    assertTrue(output.contains("'PUBLIC','PLANTS','ID','1'"),
        "the primary key through the call: " + output);
  }

  private static void assertPredictionsAndNeighbours(String output) {
    Matcher predictions = Pattern.compile("'([123])','(tree|shrub)'").matcher(output);
    int found = 0;
    while (predictions.find()) {
      found++;
    }
    assertEquals(3, found, "three predictions: " + output);
    assertTrue(output.contains("'1','") && output.contains("'2','"),
        "two similar rows, ranked: " + output);
    assertFalse(output.contains("Error:"), output);
  }

  private static String sqlline(Path directory, String driverJars, String driverClass, String url,
      List<String> commands) throws IOException, InterruptedException {
    Path script = directory.resolve("script.sql");
    Files.write(script, commands, StandardCharsets.UTF_8);
    Path log = directory.resolve("sqlline.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp",
        driverJars + File.pathSeparator + jar("rowspace.sqllineJar"), "sqlline.SqlLine",
        "-d", driverClass, "-u", url, "-n", "", "-p", "",
        "--connectInteractionMode=notAskCredentials", "--outputformat=csv",
        "--run=" + script)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    boolean ended = process.waitFor(3, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }
    assertTrue(ended, "sqlline did not end: " + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  private static Path jar(String property) {
    String path = System.getProperty(property);
    assertTrue(path != null && Files.isRegularFile(Path.of(path)), property + " names no jar ("
        + path + "); build the modules with mvn package first.");
    return Path.of(path);
  }
}
