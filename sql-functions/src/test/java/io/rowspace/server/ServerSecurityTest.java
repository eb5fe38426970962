package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Rowspace server lets each kind of client do, tried as a BI user and as an attacker
 * would: without a password nothing; with role read queries and predictions only; with role write
 * also data and models but never files or Java code; with role admin everything. The database
 * refuses, not the server, so each refusal is the database's own.
 */
class ServerSecurityTest {
  private static final String DATABASE = "jdbc:rowspace:h2:mem:secured;DB_CLOSE_DELAY=-1";
  private static final String READER_PASSWORD = "reads-only-7";
  private static final String WRITER_PASSWORD = "writes-too-8";
  private static final String ADMIN_PASSWORD = "does-all-9";

  @TempDir
  static Path directory;
  private static Path usersFile;
  private static RowspaceServer server;

  @BeforeAll
  static void serveAPlantTableWithAModel() throws Exception {
    try (Connection local = DriverManager.getConnection(DATABASE);
         Statement statement = local.createStatement()) {
      statement.execute("CREATE TABLE plants (id INTEGER PRIMARY KEY, height DOUBLE PRECISION, "
          + "leaves INTEGER, kind VARCHAR(10))");
      statement.execute("INSERT INTO plants SELECT x, MOD(x * 17, 100) / 10.0, MOD(x * 7, 30), "
          + "CASEWHEN(MOD(x * 17, 100) > 50, 'tree', 'shrub') FROM SYSTEM_RANGE(1, 400)");
      statement.execute("CREATE EMBEDDING SPACE plant_space ON plants WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR plant_kind ON plant_space TARGET kind "
          + "WITH (epochs = 3)");
    }
    usersFile = directory.resolve("users.txt");
    UsersFile.empty()
        .with("reader", Role.READ, READER_PASSWORD.toCharArray())
        .with("writer", Role.WRITE, WRITER_PASSWORD.toCharArray())
        .with("boss", Role.ADMIN, ADMIN_PASSWORD.toCharArray())
        .write(usersFile);
    server = RowspaceServer.start(ServerOptions.serving(DATABASE).withPort(0)
        .withUsers(usersFile));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return DriverManager.getConnection(server.clientUrl(), info);
  }

  private static SQLException refused(Connection connection, String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }, sql);
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aClientWithoutAPasswordIsRefused() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(server.clientUrl()).close());
    assertEquals("28000", e.getSQLState(), e.getMessage());
    // Avatica's own driver reports the server's refusal as a runtime exception.
    Exception generic = assertThrows(Exception.class, () -> DriverManager.getConnection(
        "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=PROTOBUF")
        .createStatement().executeQuery("SELECT 1"));
    assertTrue(generic.getMessage().contains("HTTP/401"), generic.getMessage());
  }

  @Test
  void aWrongPasswordSaysSoWithSqlState28000() {
    SQLException wrong = assertThrows(SQLException.class,
        () -> connect("reader", "guess").close());
    assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
    assertTrue(wrong.getMessage().contains("Wrong user name or password"), wrong.getMessage());
    SQLException unknown = assertThrows(SQLException.class,
        () -> connect("nobody", READER_PASSWORD).close());
    assertEquals("28000", unknown.getSQLState(), unknown.getMessage());
  }

  @Test
  void aGenericAvaticaClientSendingUserAndPasswordAuthenticatesAndGetsItsRole()
      throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "reader");
    info.setProperty("password", READER_PASSWORD);
    try (Connection generic = DriverManager.getConnection("jdbc:avatica:remote:url=http://"
        + "127.0.0.1:" + server.port() + ";serialization=PROTOBUF", info)) {
      assertEquals(400, count(generic, "SELECT COUNT(*) FROM plants"));
      SQLException insert = refused(generic, "INSERT INTO plants VALUES (1000, 1, 1, 'tree')");
      assertEquals("42501", insert.getSQLState(), insert.getMessage());
    }
    info.setProperty("password", "guess");
    Exception wrong = assertThrows(Exception.class, () -> DriverManager.getConnection(
        "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=PROTOBUF",
        info).createStatement().executeQuery("SELECT 1"));
    assertTrue(wrong.getMessage().contains("Wrong user name or password"), wrong.getMessage());
  }

  @Test
  void aReaderQueriesPredictsAndReadsTheCatalog() throws SQLException {
    try (Connection reader = connect("reader", READER_PASSWORD)) {
      assertEquals(400, count(reader, "SELECT COUNT(*) FROM plants"));
      assertEquals(10, count(reader, "SELECT COUNT(*) FROM (SELECT id, PREDICT('plant_kind') "
          + "AS kind FROM plants WHERE id <= 10)"));
      try (Statement statement = reader.createStatement();
           ResultSet similar = statement.executeQuery(
               "SELECT * FROM TABLE(SIMILAR_ROWS('plant_space', 1, 3))")) {
        int rows = 0;
        while (similar.next()) {
          rows++;
        }
        assertEquals(3, rows);
      }
      assertEquals(1, count(reader, "SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES"));
    }
  }

  @Test
  void aReaderCannotChangeDataModelsFilesOrRunCode() throws SQLException {
    Path written = directory.resolve("stolen.csv");
    try (Connection reader = connect("reader", READER_PASSWORD)) {
      for (String sql : new String[] {
          "INSERT INTO plants VALUES (1000, 1, 1, 'tree')",
          "UPDATE plants SET kind = 'tree'",
          "DELETE FROM plants",
          "CREATE TABLE loot (x INT)",
          "DROP TABLE plants",
          "CREATE ALIAS WHOAMI FOR 'java.lang.System.getProperty(java.lang.String)'",
          "SELECT FILE_READ('/etc/hostname', NULL)",
          "SELECT * FROM CSVREAD('/etc/passwd')",
          "CALL CSVWRITE('" + written + "', 'SELECT * FROM plants')",
          "RUNSCRIPT FROM '" + directory.resolve("script.sql") + "'",
          "SCRIPT TO '" + directory.resolve("dump.sql") + "'",
          "BACKUP TO '" + directory.resolve("backup.zip") + "'",
          "CALL LINK_SCHEMA('OTHER', '', 'jdbc:h2:mem:other', '', '', 'PUBLIC')",
          "CREATE LINKED TABLE other_plants('', 'jdbc:h2:mem:other', '', '', 'PLANTS')",
          "SET EXCLUSIVE 1",
          "SHUTDOWN",
          "CREATE EMBEDDING SPACE stolen_space ON plants WITH (epochs = 1)",
          "DROP PREDICTOR plant_kind",
          "REFRESH EMBEDDING SPACE plant_space"}) {
        SQLException e = refused(reader, sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("User 'reader' has role read"), e.getMessage());
      }
      assertEquals(400, count(reader, "SELECT COUNT(*) FROM plants"));
      assertEquals(1, count(reader, "SELECT COUNT(*) FROM ROWSPACE.PREDICTORS"));
    }
    assertFalse(Files.exists(written));
    assertFalse(Files.exists(directory.resolve("dump.sql")));
  }

  @Test
  void connectionPropertiesNeverReachTheBackingDatabase() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "boss");
    info.setProperty("password", ADMIN_PASSWORD);
    info.setProperty("INIT", "CREATE TABLE injected (x INT)");
    info.setProperty("IFEXISTS", "FALSE");
    try (Connection admin = DriverManager.getConnection(server.clientUrl(), info)) {
      assertEquals(0, count(admin, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
          + "WHERE TABLE_NAME = 'INJECTED'"));
    }
    Properties reader = new Properties();
    reader.setProperty("user", "reader");
    reader.setProperty("password", READER_PASSWORD);
    reader.setProperty("rowspace.maxK", "100000000");
    SQLException raised = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(server.clientUrl(), reader).close());
    assertEquals("42501", raised.getSQLState(), raised.getMessage());
    reader.setProperty("rowspace.maxK", "10");
    reader.setProperty("user", "reader");
    try (Connection connection = DriverManager.getConnection(server.clientUrl(), reader);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT CURRENT_USER")) {
      assertTrue(rs.next());
      assertEquals("ROWSPACE_READER", rs.getString(1));
    }
  }

  @Test
  void aWriterChangesDataAndModelsButCannotRunCodeOrTouchFiles() throws SQLException {
    try (Connection writer = connect("writer", WRITER_PASSWORD)) {
      try (Statement statement = writer.createStatement()) {
        statement.execute("UPDATE plants SET leaves = leaves WHERE id = 1");
        statement.execute("CREATE OR REPLACE EMBEDDING SPACE writer_space ON plants "
            + "WITH (epochs = 1)");
        statement.execute("CREATE OR REPLACE PREDICTOR writer_kind ON writer_space TARGET kind "
            + "WITH (epochs = 2)");
      }
      assertEquals(5, count(writer, "SELECT COUNT(*) FROM (SELECT PREDICT('writer_kind') "
          + "FROM plants WHERE id <= 5)"));
      for (String sql : new String[] {
          "CREATE ALIAS WHOAMI FOR 'java.lang.System.getProperty(java.lang.String)'",
          "CREATE TRIGGER t BEFORE INSERT ON plants FOR EACH ROW CALL 'org.h2.Driver'",
          "SELECT FILE_READ('/etc/hostname', NULL)",
          "CALL CSVWRITE('" + directory.resolve("w.csv") + "', 'SELECT 1')",
          "SCRIPT TO '" + directory.resolve("w.sql") + "'",
          "RUNSCRIPT FROM '" + directory.resolve("w.sql") + "'",
          "CREATE LINKED TABLE other_plants('', 'jdbc:h2:mem:other', '', '', 'PLANTS')",
          "CREATE TABLE loot (x INT)",
          "SHUTDOWN"}) {
        SQLException e = refused(writer, sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("needs role admin"), e.getMessage());
      }
      try (Statement statement = writer.createStatement()) {
        statement.execute("DROP PREDICTOR writer_kind");
        statement.execute("DROP EMBEDDING SPACE writer_space");
      }
    }
    assertFalse(Files.exists(directory.resolve("w.csv")));
  }

  @Test
  void onlyAnAdminExportsAndImportsModelFiles() throws SQLException {
    Path file = directory.resolve("plant_kind.rowspace");
    Properties asking = new Properties();
    asking.setProperty("user", "writer");
    asking.setProperty("password", WRITER_PASSWORD);
    asking.setProperty("rowspace.fileAccess", "true");
    try (Connection reader = connect("reader", READER_PASSWORD);
         Connection writer = DriverManager.getConnection(server.clientUrl(), asking)) {
      for (Connection client : new Connection[] {reader, writer}) {
        for (String sql : new String[] {
            "EXPORT PREDICTOR plant_kind TO '" + file + "'",
            "EXPORT EMBEDDING SPACE plant_space TO '" + file + "'",
            "IMPORT PREDICTOR FROM '" + file + "'"}) {
          SQLException e = refused(client, sql);
          assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("role admin"), e.getMessage());
        }
      }
    }
    assertFalse(Files.exists(file), "no role but admin wrote the file");
    try (Connection admin = connect("boss", ADMIN_PASSWORD);
         Statement statement = admin.createStatement()) {
      statement.execute("EXPORT PREDICTOR plant_kind TO '" + file + "'");
      assertTrue(Files.exists(file));
      statement.execute("IMPORT PREDICTOR plant_kind_copy FROM '" + file + "'");
      assertEquals(count(admin, "SELECT COUNT(*) FROM plants WHERE PREDICT('plant_kind') = "
          + "'tree'"), count(admin, "SELECT COUNT(*) FROM plants WHERE "
          + "PREDICT('plant_kind_copy') = 'tree'"));
      statement.execute("DROP PREDICTOR plant_kind_copy");
    }
  }

  @Test
  void anAdminHasTheServersOwnRights() throws SQLException {
    try (Connection admin = connect("boss", ADMIN_PASSWORD);
         Statement statement = admin.createStatement()) {
      statement.execute("CREATE TABLE admin_notes (x INT)");
      statement.execute("CREATE ALIAS IF NOT EXISTS ABS_OF FOR 'java.lang.Math.abs(int)'");
      assertEquals(3, count(admin, "SELECT ABS_OF(-3)"));
      statement.execute("DROP TABLE admin_notes");
    }
  }

  @Test
  void anotherUsersConnectionCannotBeUsedEvenKnowingItsId() throws Exception {
    try (Connection admin = connect("boss", ADMIN_PASSWORD)) {
      String id = admin.unwrap(AvaticaConnection.class).id;
      ProtobufTranslation protobuf = new ProtobufTranslationImpl();
      HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port())
          .openConnection();
      http.setRequestMethod("POST");
      http.setDoOutput(true);
      http.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          ("reader:" + READER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
      try (OutputStream out = http.getOutputStream()) {
        out.write(protobuf.serializeRequest(new Service.PrepareAndExecuteRequest(id, 1,
            "CREATE ALIAS STOLEN FOR 'java.lang.Math.abs(int)'", -1)));
      }
      byte[] answer;
      try (InputStream in = http.getResponseCode() == 200 ? http.getInputStream()
          : http.getErrorStream()) {
        answer = in.readAllBytes();
      }
      Service.Response response = protobuf.parseResponse(answer);
      assertTrue(response instanceof Service.ErrorResponse, response.toString());
      assertEquals(0, count(admin, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES "
          + "WHERE ROUTINE_NAME = 'STOLEN'"));
    }
  }

  @Test
  void serverCallsRunOnTheCallersOwnConnectionWithItsRole() throws SQLException {
    try (Connection reader = connect("reader", READER_PASSWORD)) {
      try (ResultSet keys = reader.getMetaData().getPrimaryKeys(null, "PUBLIC", "PLANTS")) {
        assertTrue(keys.next(), "a reader sees the keys of a table it may read");
        assertEquals("ID", keys.getString("COLUMN_NAME"));
      }
      SQLException unknown = refused(reader, "CALL ROWSPACE_SERVER.METADATA('getSchemas')");
      assertEquals("22023", unknown.getSQLState(), unknown.getMessage());
    }
  }

  @Test
  void aClientCancelsOnlyItsOwnStatements() throws Exception {
    try (Connection writer = connect("writer", WRITER_PASSWORD);
         Statement running = writer.createStatement();
         Connection reader = connect("reader", READER_PASSWORD);
         Statement control = reader.createStatement();
         Statement own = writer.createStatement()) {
      int id = running.unwrap(AvaticaStatement.class).getId();
      CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
        try (ResultSet rs = running.executeQuery("SELECT SUM(a.x * b.x) "
            + "FROM SYSTEM_RANGE(1, 200000) a, SYSTEM_RANGE(1, 200000) b")) {
          rs.next();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int stopped = 0;
      while (stopped == 0 && System.nanoTime() < deadline) {
        Thread.sleep(300);
        // Another user's cancel of the writer's statement stops nothing, knowing its id or not.
        control.execute("CALL ROWSPACE_SERVER.CANCEL(" + id + ")");
        assertEquals(0, control.getUpdateCount());
        assertFalse(query.isDone(), "the writer's query stopped");
        own.execute("CALL ROWSPACE_SERVER.CANCEL(" + id + ")");
        stopped = own.getUpdateCount();
      }
      assertEquals(1, stopped, "the writer's own cancel stops its statement");
      Exception e = assertThrows(Exception.class, () -> query.get(20, TimeUnit.SECONDS));
      SQLException cause = (SQLException) e.getCause().getCause();
      assertEquals("57014", cause.getSQLState(), cause.getMessage());
    }
  }

  @Test
  void passwordsAreStoredHashedNotInClearText() throws IOException {
    String text = Files.readString(usersFile);
    for (String password : new String[] {READER_PASSWORD, WRITER_PASSWORD, ADMIN_PASSWORD}) {
      assertFalse(text.contains(password), text);
    }
    assertTrue(text.contains("reader:read:pbkdf2-sha256$"), text);
  }

  @Test
  void aMalformedRequestGetsNoStackTrace() throws IOException {
    HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port())
        .openConnection();
    http.setRequestMethod("POST");
    http.setDoOutput(true);
    try (OutputStream out = http.getOutputStream()) {
      out.write("{\"request\": \"openConnection\", \"x\": [".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(400, http.getResponseCode());
    String body;
    try (InputStream in = http.getErrorStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(body.contains("Malformed request"), body);
    assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains(".java"),
        body);
  }

  @Test
  void errorsThroughTheServerCarryTheirSqlState() throws SQLException {
    try (Connection reader = connect("reader", READER_PASSWORD)) {
      SQLException e = refused(reader, "SELECT * FROM no_such_table");
      assertTrue(e.getSQLState() != null && !e.getSQLState().equals("00000"), e.getSQLState());
      SQLException predictor = refused(reader, "SELECT PREDICT('no_such') FROM plants");
      assertEquals("42704", predictor.getSQLState(), predictor.getMessage());
      assertFalse(predictor.getMessage().contains("Exception"), predictor.getMessage());
    }
  }

  @Test
  void theDefaultServerListensOnTheLoopbackOnly() throws Exception {
    try (RowspaceServer local = RowspaceServer.start(ServerOptions.serving(DATABASE)
        .withPort(0))) {
      Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces())
          .stream().flatMap(NetworkInterface::inetAddresses)
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
      Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address");
      try (Socket socket = new Socket()) {
        assertThrows(ConnectException.class, () -> socket.connect(
            new InetSocketAddress(external.get(), local.port()), 2000));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), local.port()),
            2000);
      }
    }
  }

  @Test
  void aServerRefusesToListenBeyondTheLoopbackWithoutUsers() {
    SQLException e = assertThrows(SQLException.class, () -> RowspaceServer.start(
        ServerOptions.serving(DATABASE).withHost("0.0.0.0").withPort(0)).close());
    assertEquals("28000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("--users"), e.getMessage());
  }
}
