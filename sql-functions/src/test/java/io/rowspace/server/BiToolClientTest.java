package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a BI tool sees of a Rowspace server through {@code jdbc:rowspace:remote:}: the backing
 * database's name, keys, foreign keys and indexes; embeddings as arrays; query timeouts and
 * {@code cancel()} that stop the statement on the server (SQLSTATE 57014); no HTTP read timeout;
 * JSON as well as protobuf on the wire.
 */
class BiToolClientTest {
  private static final String DATABASE = "jdbc:rowspace:h2:mem:bitool;DB_CLOSE_DELAY=-1";
  private static RowspaceServer server;

  @BeforeAll
  static void serve() throws SQLException {
    // Creating tables and indexes needs role admin; a server without users gives role write.
    try (Connection local = DriverManager.getConnection(DATABASE);
         Statement statement = local.createStatement()) {
      statement.execute("CREATE TABLE regions (id INTEGER PRIMARY KEY, name VARCHAR(20))");
      statement.execute("CREATE TABLE shops (id INTEGER PRIMARY KEY, region_id INTEGER "
          + "REFERENCES regions(id), size DOUBLE PRECISION, footfall INTEGER, kind VARCHAR(10))");
      statement.execute("CREATE INDEX shops_by_size ON shops(size)");
      statement.execute("INSERT INTO regions SELECT x, 'region ' || x FROM SYSTEM_RANGE(1, 5)");
      statement.execute("INSERT INTO shops SELECT x, MOD(x, 5) + 1, MOD(x * 17, 100) / 10.0, "
          + "MOD(x * 7, 30), CASEWHEN(MOD(x * 17, 100) > 50, 'big', 'small') "
          + "FROM SYSTEM_RANGE(1, 1500)");
    }
    server = RowspaceServer.start(DATABASE, 0, null);
    try (Connection connection = connect();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE shop_space ON shops INCLUDE NO RELATED TABLES "
          + "WITH (epochs = 1, d_model = 16)");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.clientUrl("localhost"));
  }

  @Test
  void metadataNamesTheBackingDatabaseNotAvatica() throws SQLException {
    try (Connection connection = connect()) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertEquals("H2", metadata.getDatabaseProductName());
      assertTrue(metadata.getDatabaseProductVersion().startsWith("2."),
          metadata.getDatabaseProductVersion());
      assertEquals(2, metadata.getDatabaseMajorVersion());
    }
  }

  @Test
  void metadataHasKeysForeignKeysAndIndexes() throws SQLException {
    try (Connection connection = connect()) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertEquals(List.of("ID"), column(metadata.getPrimaryKeys(null, "PUBLIC", "SHOPS"),
          "COLUMN_NAME"));
      try (ResultSet keys = metadata.getImportedKeys(null, "PUBLIC", "SHOPS")) {
        assertTrue(keys.next(), "SHOPS has a foreign key");
        assertEquals("REGIONS", keys.getString("PKTABLE_NAME"));
        assertEquals("ID", keys.getString("PKCOLUMN_NAME"));
        assertEquals("REGION_ID", keys.getString("FKCOLUMN_NAME"));
        assertFalse(keys.next());
      }
      assertEquals(List.of("SHOPS"), column(metadata.getExportedKeys(null, "PUBLIC", "REGIONS"),
          "FKTABLE_NAME"));
      assertEquals(List.of("SHOPS"), column(metadata.getCrossReference(null, "PUBLIC",
          "REGIONS", null, "PUBLIC", "SHOPS"), "FKTABLE_NAME"));
      List<String> indexes = column(metadata.getIndexInfo(null, "PUBLIC", "SHOPS", false,
          true), "INDEX_NAME");
      assertTrue(indexes.contains("SHOPS_BY_SIZE"), indexes.toString());
      List<String> unique = column(metadata.getIndexInfo(null, "PUBLIC", "SHOPS", true, true),
          "INDEX_NAME");
      assertFalse(unique.contains("SHOPS_BY_SIZE"), unique.toString());
      // What Avatica's protocol carries itself still works.
      assertEquals(List.of("SHOPS"), column(metadata.getTables(null, "PUBLIC", "SHOPS", null),
          "TABLE_NAME"));
    }
  }

  @Test
  void embeddingsComeOverTheWireAsArrays() throws SQLException {
    try (Connection connection = connect();
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT * FROM TABLE(EMBEDDINGS('shop_space')) ORDER BY id FETCH FIRST 3 ROWS ONLY")) {
      int read = 0;
      while (rows.next()) {
        read++;
        Array embedding = rows.getArray("EMBEDDING");
        Object[] values = (Object[]) embedding.getArray();
        assertEquals(16, values.length);
        double norm = 0;
        for (Object value : values) {
          double v = ((Number) value).doubleValue();
          norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-3, "embeddings are L2-normalised");
      }
      assertEquals(3, read);
    }
  }

  @Test
  void aQueryTimeoutStopsTrainingOnTheServer() throws SQLException {
    try (Connection connection = connect();
         Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> statement.execute(
          "CREATE EMBEDDING SPACE slow_space ON shops WITH (epochs = 500)"));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertInstanceOf(SQLTimeoutException.class, e, e.toString());
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(seconds < 30, "stopped after " + seconds + " s");
      statement.setQueryTimeout(0);
      try (ResultSet spaces = statement.executeQuery(
          "SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES WHERE name = 'SLOW_SPACE'")) {
        assertTrue(spaces.next());
        assertEquals(0, spaces.getInt(1), "nothing of the cancelled space stays");
      }
    }
  }

  @Test
  void aQueryTimeoutStopsALongQueryOfTheDatabase() throws SQLException {
    try (Connection connection = connect();
         PreparedStatement statement = connection.prepareStatement("SELECT SUM(a.x * b.x) "
             + "FROM SYSTEM_RANGE(1, 200000) a, SYSTEM_RANGE(1, 200000) b")) {
      statement.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, statement::executeQuery);
      assertEquals("57014", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void cancelFromAnotherThreadStopsTrainingOnTheServer() throws Exception {
    try (Connection connection = connect();
         Statement statement = connection.createStatement()) {
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
        try {
          TimeUnit.MILLISECONDS.sleep(1500);
          statement.cancel();
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      SQLException e = assertThrows(SQLException.class, () -> statement.execute(
          "CREATE EMBEDDING SPACE cancelled_space ON shops WITH (epochs = 500)"));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      cancel.get(10, TimeUnit.SECONDS);
      // The connection and statement stay usable.
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM shops")) {
        assertTrue(rows.next());
        assertEquals(1500, rows.getInt(1));
      }
    }
  }

  @Test
  void longStatementsHaveNoHttpReadTimeout() throws SQLException {
    try (Connection connection = connect()) {
      // Avatica's own default is 3 minutes, after which a client fails while the server runs on.
      assertEquals(0, connection.unwrap(AvaticaConnection.class).config()
          .getHttpResponseTimeout());
    }
  }

  @Test
  void jsonSerializationWorksWhenBothSidesUseIt() throws SQLException {
    try (RowspaceServer json = RowspaceServer.start(ServerOptions.serving(DATABASE).withPort(0)
        .withSerialization(Driver.Serialization.JSON));
         Connection connection = DriverManager.getConnection(
             json.clientUrl("localhost") + ";serialization=json");
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT * FROM TABLE(SIMILAR_ROWS("
             + "'shop_space', 1, 3)) ORDER BY 1")) {
      int read = 0;
      while (rows.next()) {
        read++;
        assertEquals(read, rows.getInt("RANK"));
      }
      assertEquals(3, read);
      assertEquals("H2", connection.getMetaData().getDatabaseProductName());
      SQLException mismatch = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(json.clientUrl("localhost")).close());
      assertEquals("08001", mismatch.getSQLState());
      assertTrue(mismatch.getMessage().contains("serialization=json"), mismatch.getMessage());
    }
  }

  @Test
  void rowspaceErrorsKeepTheirSqlStateAndReadAsTheServerWroteThem() throws SQLException {
    try (Connection connection = connect();
         Statement statement = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT PREDICT('no_such_predictor') FROM shops"));
      assertEquals("42704", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("NO_SUCH_PREDICTOR"),
          e.getMessage());
      assertFalse(e.getMessage().contains("Remote driver error")
          || e.getMessage().contains("Error while executing"), e.getMessage());
    }
  }

  private static List<String> column(ResultSet rows, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        values.add(rows.getString(name));
      }
    }
    return values;
  }
}
