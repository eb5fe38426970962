package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.server.Role;
import io.rowspace.server.RowspaceServer;
import io.rowspace.server.ServerOptions;
import io.rowspace.server.UsersFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BI tool's view: {@code ./rowspace serve} serves a database, and a client connected with
 * {@code jdbc:rowspace:remote:http://host:port} creates, predicts and gets Rowspace's errors as a
 * local connection would.
 */
class RemoteServerTest {

  @Test
  void aRemoteClientTrainsAndPredictsThroughTheServer() throws SQLException {
    String database = "jdbc:rowspace:h2:mem:served;DB_CLOSE_DELAY=-1";
    try (Connection local = DriverManager.getConnection(database);
         Statement statement = local.createStatement()) {
      // Creating tables needs role admin; a server without users gives its clients role write.
      statement.execute("CREATE TABLE plants (id INTEGER PRIMARY KEY, height DOUBLE PRECISION, "
          + "leaves INTEGER, kind VARCHAR(10))");
    }
    try (RowspaceServer server = RowspaceServer.start(database, 0, null);
         Connection client = DriverManager.getConnection(server.clientUrl("localhost"));
         Statement statement = client.createStatement()) {
      statement.execute("INSERT INTO plants SELECT x, MOD(x * 17, 100) / 10.0, MOD(x * 7, 30), "
          + "CASEWHEN(MOD(x * 17, 100) > 50, 'tree', 'shrub') FROM SYSTEM_RANGE(1, 600)");
      statement.execute("CREATE EMBEDDING SPACE plant_space ON plants WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR plant_kind ON plant_space TARGET kind "
          + "WITH (epochs = 5)");
      try (PreparedStatement predict = client.prepareStatement(
          "SELECT id, PREDICT('plant_kind') AS kind FROM plants WHERE id <= ? ORDER BY id")) {
        predict.setInt(1, 20);
        try (ResultSet rs = predict.executeQuery()) {
          int rows = 0;
          while (rs.next()) {
            rows++;
            assertEquals(rows, rs.getInt("ID"));
            String kind = rs.getString("KIND");
            assertTrue(kind.equals("tree") || kind.equals("shrub"), kind);
          }
          assertEquals(20, rows);
        }
      }
      SQLException unknown = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT PREDICT('no_such_predictor') FROM plants"));
      assertEquals("42704", unknown.getSQLState(), unknown.getMessage());
      assertTrue(unknown.getMessage().contains("no_such_predictor"), unknown.getMessage());
    }
  }

  @Test
  void withAUsersFileOnlyKnownUsersConnect(@TempDir Path directory) throws Exception {
    Path users = directory.resolve("users.txt");
    UsersFile.empty().with("analyst", Role.READ, "s3cret".toCharArray()).write(users);
    try (RowspaceServer server = RowspaceServer.start(
        "jdbc:rowspace:h2:mem:guarded;DB_CLOSE_DELAY=-1", 0, users)) {
      Properties good = new Properties();
      good.setProperty("user", "analyst");
      good.setProperty("password", "s3cret");
      try (Connection client = DriverManager.getConnection(server.clientUrl("localhost"), good);
           Statement statement = client.createStatement();
           ResultSet rs = statement.executeQuery("SELECT 1 + 1")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
      Properties bad = new Properties();
      bad.setProperty("user", "analyst");
      bad.setProperty("password", "guess");
      SQLException wrong = assertThrows(SQLException.class, () -> {
        try (Connection client = DriverManager.getConnection(server.clientUrl("localhost"), bad);
             Statement statement = client.createStatement()) {
          statement.executeQuery("SELECT 1").close();
        }
      });
      assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
      assertTrue(wrong.getMessage().contains("Wrong user name or password"), wrong.getMessage());
      SQLException missing = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(server.clientUrl("localhost")).close());
      assertEquals("28000", missing.getSQLState(), missing.getMessage());
      assertTrue(missing.getMessage().contains("needs a user name and password"),
          missing.getMessage());
    }
  }

  @Test
  void aJsonServerAuthenticatesAndRefusesLikeAProtobufOne(@TempDir Path directory)
      throws Exception {
    Path users = directory.resolve("users.txt");
    UsersFile.empty().with("analyst", Role.READ, "s3cret-json".toCharArray()).write(users);
    try (RowspaceServer server = RowspaceServer.start(ServerOptions.serving(
        "jdbc:rowspace:h2:mem:guarded_json;DB_CLOSE_DELAY=-1").withPort(0).withUsers(users)
        .withSerialization(Driver.Serialization.JSON))) {
      String url = server.clientUrl() + ";serialization=json";
      Properties good = new Properties();
      good.setProperty("user", "analyst");
      good.setProperty("password", "s3cret-json");
      try (Connection client = DriverManager.getConnection(url, good);
           Statement statement = client.createStatement()) {
        try (ResultSet rs = statement.executeQuery("SELECT 6 * 7")) {
          assertTrue(rs.next());
          assertEquals(42, rs.getInt(1));
        }
        SQLException table = assertThrows(SQLException.class,
            () -> statement.execute("CREATE TABLE loot (x INT)"));
        assertEquals("42501", table.getSQLState(), table.getMessage());
      }
      Properties bad = new Properties();
      bad.setProperty("user", "analyst");
      bad.setProperty("password", "guess");
      SQLException wrong = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url, bad).close());
      assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
      SQLException protobuf = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(server.clientUrl(), good).close());
      assertEquals("08001", protobuf.getSQLState(), protobuf.getMessage());
      assertTrue(protobuf.getMessage().contains("serialization=json"), protobuf.getMessage());
    }
  }

  @Test
  void noServerAtTheAddressIs08001() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:rowspace:remote:http://127.0.0.1:" + port).close());
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("Cannot reach the Rowspace server"), e.getMessage());
  }
}
