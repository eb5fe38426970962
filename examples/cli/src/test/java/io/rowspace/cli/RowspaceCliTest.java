package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, against plain H2 databases in memory. */
class RowspaceCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void sqlWithCsvFormatPrintsOnlyRowsOnStandardOutput() {
    int code = run("", "sql", "jdbc:h2:mem:cli_csv", "--format", "csv", "-e",
        "CREATE TABLE t(a INT, b VARCHAR); INSERT INTO t VALUES (1, 'x,y'), (2, NULL);"
        + " SELECT * FROM t ORDER BY a; SELECT COUNT(*) AS n FROM t");
    assertEquals(0, code, stderr());
    assertEquals("A,B\n1,\"x,y\"\n2,\nN\n2\n", stdout());
    assertTrue(stderr().contains("OK, 2 rows affected ("), stderr());
  }

  @Test
  void sqlInTableFormatPrintsUpdateCountsAndRowCountsOnStandardOutput() {
    int code = run("", "sql", "jdbc:h2:mem:cli_table", "-e",
        "CREATE TABLE t(a INT); INSERT INTO t VALUES (7); SELECT a FROM t");
    assertEquals(0, code, stderr());
    assertTrue(stdout().contains("OK, 1 row affected ("), stdout());
    assertTrue(stdout().contains(" A\n---\n 7\n(1 row, "), stdout());
    assertEquals("", stderr());
  }

  @Test
  void theFirstErrorStopsTheScriptWithExitCodeOne() {
    int code = run("", "sql", "jdbc:h2:mem:cli_error", "--format", "csv", "-e",
        "SELECT 1 AS a; SELECT * FROM no_such_table; SELECT 2 AS b");
    assertEquals(1, code);
    assertEquals("A\n1\n", stdout());
    assertTrue(stderr().matches("(?s)error: \\[42S0.\\] Table \"NO_SUCH_TABLE\" not found.*"), stderr());
  }

  @Test
  void scriptsComeFromFilesAndStandardInput(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("setup.sql");
    Files.writeString(script, "-- a table\nCREATE TABLE t(s VARCHAR);\nINSERT INTO t VALUES ('a;b');\n");
    assertEquals(0, run("", "sql", "jdbc:h2:mem:cli_file;DB_CLOSE_DELAY=-1", "-f", script.toString()), stderr());
    out.reset();
    assertEquals(0, run("SELECT s FROM t;\n", "sql", "jdbc:h2:mem:cli_file", "--format=json"), stderr());
    assertEquals("[\n{\"S\":\"a;b\"}\n]\n", stdout());
    run("", "sql", "jdbc:h2:mem:cli_file", "-e", "DROP ALL OBJECTS");
  }

  @Test
  void badCommandLinesExitWithTwoAndShowUsage() {
    assertEquals(2, run("", "frobnicate"));
    assertTrue(stderr().contains("Unknown command 'frobnicate'."));
    assertTrue(stderr().contains("Usage: rowspace"));
    assertEquals(2, run("", "sql", "jdbc:h2:mem:x", "--format", "xml"));
    assertEquals(2, run("", "sql", "jdbc:h2:mem:x", "--bogus"));
    assertEquals(2, run("", "sql", "jdbc:h2:mem:x", "jdbc:h2:mem:y"));
    assertEquals(2, run("", "import", "jdbc:h2:mem:x"));
    assertEquals(2, run(""));
    assertEquals("", stdout());
  }

  @Test
  void helpGoesToStandardOutput() {
    assertEquals(0, run("", "help"));
    assertTrue(stdout().startsWith("Usage: rowspace <command>"));
  }

  @Test
  void anUnknownUrlIsAnErrorNotACrash() {
    assertEquals(1, run("", "sql", "jdbc:nosuchdriver:x", "-e", "SELECT 1"));
    assertTrue(stderr().startsWith("error: [08001] No suitable driver"), stderr());
  }

  @Test
  void importCreatesAndFillsATable(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "Name,Age,Joined\nAnn,31,2020-01-05\nBob,,2021-11-30\n");
    String url = "jdbc:h2:mem:cli_import;DB_CLOSE_DELAY=-1";
    assertEquals(0, run("", "import", url, "people", csv.toString()), stderr());
    assertEquals("CREATE TABLE people (Name VARCHAR, Age INTEGER, Joined DATE)\n",
        stdout().lines().findFirst().get() + "\n");
    assertTrue(stdout().contains("2 rows imported into people ("), stdout());
    out.reset();
    assertEquals(0, run("", "sql", url, "--format", "csv", "-e",
        "SELECT * FROM people ORDER BY name; DROP ALL OBJECTS"), stderr());
    assertEquals("NAME,AGE,JOINED\nAnn,31,2020-01-05\nBob,,2021-11-30\n", stdout());
  }

  @Test
  void importOfAMissingFileFails() {
    assertEquals(1, run("", "import", "jdbc:h2:mem:x", "t", "/no/such/file.csv"));
    assertTrue(stderr().startsWith("error: cannot read /no/such/file.csv"), stderr());
  }

  @Test
  void serveListensUntilInterruptedAndSqlConnectsToItRemotely() throws Exception {
    String database = "jdbc:rowspace:h2:mem:cli_served;DB_CLOSE_DELAY=-1";
    try (Connection local = DriverManager.getConnection(database);
         Statement statement = local.createStatement()) {
      // Without --users clients get role write: data, not tables.
      statement.execute("CREATE TABLE t(a INT)");
    }
    ExecutorService serving = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> server = serving.submit(() -> run("", "serve", database, "--port", "0"));
      Matcher address = Pattern.compile("connect with (jdbc:rowspace:remote:http://\\S+)")
          .matcher("");
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!address.reset(stderr()).find()) {
        assertTrue(System.nanoTime() < deadline, "no address printed: " + stderr());
        assertTrue(!server.isDone(), "serve ended: " + stderr());
        Thread.sleep(100);
      }
      String url = address.group(1);
      ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
      int code = RowspaceCli.run(new String[] {"sql", url, "--format", "csv", "-e",
          "INSERT INTO t VALUES (41); SELECT a + 1 AS b FROM t"},
          StandardStreams.of(new ByteArrayInputStream(new byte[0]),
              new PrintStream(clientOut, true, StandardCharsets.UTF_8),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
      assertEquals(0, code);
      assertEquals("B\n42\n", clientOut.toString(StandardCharsets.UTF_8));
      serving.shutdownNow();
      assertEquals(0, server.get(30, TimeUnit.SECONDS));
    } finally {
      serving.shutdownNow();
    }
  }

  @Test
  void reportWritesOnePageWithTheTimelineColumnsAndRows(@TempDir Path dir) throws IOException {
    String url = "jdbc:rowspace:h2:mem:cli_report;DB_CLOSE_DELAY=-1";
    assertEquals(0, run("", "sql", url, "-e", "CREATE TABLE pets (id INT PRIMARY KEY, "
        + "weight DOUBLE PRECISION, kind VARCHAR(5), tag VARCHAR(36)); INSERT INTO pets "
        + "SELECT x, MOD(x * 7, 40) + 0.5, CASEWHEN(MOD(x, 3) = 0, 'cat', 'dog'), "
        + "RANDOM_UUID() FROM SYSTEM_RANGE(1, 300); "
        + "CREATE EMBEDDING SPACE pet_space ON pets WITH (epochs = 2)"), stderr());
    Path page = dir.resolve("pets.html");
    assertEquals(0, run("", "report", "pet_space", url, "-o", page.toString()), stderr());
    assertTrue(stderr().contains("report on PET_SPACE written to"), stderr());
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
    assertTrue(html.contains("<polyline"), "the loss curves are drawn");
    assertTrue(html.contains(">WEIGHT<") && html.contains(">KIND<"), "the column table");
    assertTrue(html.contains("EXCLUDED"), "the UUID column is listed as excluded, with why");
    String drawn = html.substring(html.indexOf("const P=[") + 9, html.indexOf("],L=["));
    int points = drawn.split("\\],\\[", -1).length;
    assertEquals(300, points, "every row is drawn in the 3-D view");
    assertTrue(!html.contains("http://") && !html.contains("https://"), "nothing is fetched");

    assertEquals(1, run("", "report", "no_space", url, "-o", page.toString()));
    assertTrue(stderr().contains("[42704]"), stderr());
  }

  @Test
  void userAddStoresAHashOfThePasswordReadFromStandardInput(@TempDir Path directory)
      throws IOException {
    Path users = directory.resolve("users.txt");
    assertEquals(0, run("correct-horse-9\n", "user", "add", "ana", "--role", "read", "--file",
        users.toString()), stderr());
    assertTrue(stderr().contains("added user ana with role read"), stderr());
    assertEquals(0, run("battery-staple-7\n", "user", "add", "ana", "--role", "write",
        "--file", users.toString()), stderr());
    assertTrue(stderr().contains("replaced user ana with role write"), stderr());
    String text = Files.readString(users);
    assertTrue(!text.contains("correct-horse-9") && !text.contains("battery-staple-7"), text);
    assertTrue(text.contains("ana:write:pbkdf2-sha256$"), text);
    assertEquals(1, run("short\n", "user", "add", "bo", "--role", "read", "--file",
        users.toString()));
    assertTrue(stderr().contains("at least 8 characters"), stderr());
    assertEquals(2, run("long-enough-1\n", "user", "add", "bo", "--role", "owner"));
    assertTrue(stderr().contains("Unknown role 'owner'"), stderr());
  }

  @Test
  void serveRefusesAnAddressBeyondTheLoopbackWithoutUsers() {
    assertEquals(1, run("", "serve", "jdbc:rowspace:h2:mem:cli_open;DB_CLOSE_DELAY=-1",
        "--host", "0.0.0.0", "--port", "0"));
    assertTrue(stderr().startsWith("error: [28000] Refusing to listen on 0.0.0.0 without "
        + "--users"), stderr());
  }

  @Test
  void serveTakesProtobufOrJsonSerializationOnly() {
    assertEquals(2, run("", "serve", "jdbc:rowspace:h2:mem:cli_wire;DB_CLOSE_DELAY=-1",
        "--serialization", "xml"));
    assertTrue(stderr().contains("--serialization needs protobuf or json, got 'xml'"), stderr());
  }

  private int run(String stdin, String... args) {
    err.reset();
    StandardStreams streams = StandardStreams.of(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return RowspaceCli.run(args, streams);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
