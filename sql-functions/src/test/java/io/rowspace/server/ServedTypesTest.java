package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every type H2 returns travels over the Rowspace server with the value, class, text and metadata
 * an embedded connection gives (UUID, intervals, timestamps with nanoseconds and with time zones,
 * times, dates, decimals of any scale, JSON, bytes, arrays, booleans, floating point, LOBs, ENUM,
 * NULLs of each), with and without a model call in the query, through a statement and a prepared
 * statement, over protobuf and JSON, and beyond the first frame of rows. Other Avatica clients
 * get those columns as H2's text.
 */
class ServedTypesTest {
  private static final String DATABASE = "jdbc:rowspace:h2:mem:servedtypes;DB_CLOSE_DELAY=-1";
  static final String TYPES_TABLE = "CREATE TABLE served_types (k INT PRIMARY KEY, u UUID, "
      + "ids INTERVAL DAY(4) TO SECOND, iym INTERVAL YEAR TO MONTH, ts TIMESTAMP(9), "
      + "tz TIMESTAMP(9) WITH TIME ZONE, tm TIME(9), ttz TIME WITH TIME ZONE, d DATE, "
      + "n DECIMAL(20, 7), n0 NUMERIC(30, 0), js JSON, vb VARBINARY(8), ai INT ARRAY, "
      + "av VARCHAR ARRAY, bo BOOLEAN, ti TINYINT, si SMALLINT, bi BIGINT, r REAL, "
      + "dp DOUBLE PRECISION, cl CLOB, e ENUM('a', 'b'), df DECFLOAT, v VARCHAR(20))";
  private static RowspaceServer server;
  private static RowspaceServer jsonServer;

  @BeforeAll
  static void serve() throws SQLException {
    try (Connection local = DriverManager.getConnection(DATABASE);
         Statement statement = local.createStatement()) {
      statement.execute(TYPES_TABLE);
      statement.execute("INSERT INTO served_types SELECT x, "
          + "CAST(LPAD(TO_CHAR(x), 8, '0') || '-1234-5678-9abc-def012345678' AS UUID), "
          + "x * INTERVAL '1 02:03:04.5' DAY TO SECOND, INTERVAL '2-3' YEAR TO MONTH, "
          + "TIMESTAMP '2024-01-02 03:04:05.123456789' + x * INTERVAL '1' MINUTE, "
          + "TIMESTAMP WITH TIME ZONE '2024-01-02 03:04:05.123456789+05:30', "
          + "TIME '12:34:56.123456789', TIME WITH TIME ZONE '12:34:56+01', "
          + "DATEADD('DAY', x, DATE '2024-02-29'), x / 7.0, 123456789012345678901234567890 + x, "
          + "JSON '{\"a\":1,\"b\":[true,null]}', X'0102ff', ARRAY[x, NULL, 3], "
          + "ARRAY['x', 'y \"z\"', NULL], MOD(x, 2) = 0, MOD(x, 100), x * 2, x * 10000000000, "
          + "x / 3.0, x * 1.0E20, 'clob ' || x, CASEWHEN(MOD(x, 2) = 0, 'a', 'b'), "
          + "x / 8.0, 'v' || x FROM SYSTEM_RANGE(1, 140)");
      statement.execute("INSERT INTO served_types (k) VALUES (141)");
      statement.execute("CREATE TABLE served_points (id INT PRIMARY KEY, a DOUBLE PRECISION, "
          + "b INT, kind VARCHAR(10))");
      statement.execute("INSERT INTO served_points SELECT x, MOD(x * 17, 100) / 10.0, "
          + "MOD(x * 7, 30), CASEWHEN(MOD(x * 17, 100) > 50, 'big', 'small') "
          + "FROM SYSTEM_RANGE(1, 141)");
      statement.execute("CREATE EMBEDDING SPACE served_space ON served_points "
          + "INCLUDE NO RELATED TABLES WITH (epochs = 1, d_model = 16)");
    }
    server = RowspaceServer.start(DATABASE, 0, null);
    jsonServer = RowspaceServer.start(ServerOptions.serving(DATABASE).withPort(0)
        .withSerialization(Driver.Serialization.JSON));
  }

  @AfterAll
  static void stop() {
    server.close();
    jsonServer.close();
  }

  @Test
  void everyH2TypeTravelsAsTheEmbeddedConnectionGivesIt() throws SQLException {
    try (Connection embedded = DriverManager.getConnection(DATABASE);
         Connection remote = DriverManager.getConnection(server.clientUrl("localhost"))) {
      ServedTypesCheck check = new ServedTypesCheck(embedded, remote);
      assertEquals(141, check.check("SELECT * FROM served_types ORDER BY k"));
      assertEquals(141, check.check("SELECT t.*, ANOMALY_SCORE('served_space') AS score "
          + "FROM served_types t JOIN served_points p ON p.id = t.k ORDER BY t.k"));
      assertEquals(70, check.check("SELECT t.k, t.u, t.ids, t.ts, t.tz, t.n, t.ai, t.bo, "
          + "ANOMALY_SCORE('served_space') AS score FROM served_types t JOIN served_points p "
          + "ON p.id = t.k WHERE ANOMALY_SCORE('served_space') IS NOT NULL AND t.bo "
          + "ORDER BY score, t.k"));
    }
  }

  @Test
  void jsonSerializationCarriesTheSameValues() throws SQLException {
    try (Connection embedded = DriverManager.getConnection(DATABASE);
         Connection remote = DriverManager.getConnection(
             jsonServer.clientUrl("localhost") + ";serialization=json")) {
      ServedTypesCheck check = new ServedTypesCheck(embedded, remote);
      assertEquals(141, check.check("SELECT * FROM served_types ORDER BY k"));
      assertEquals(141, check.check("SELECT t.*, ANOMALY_SCORE('served_space') AS score "
          + "FROM served_types t JOIN served_points p ON p.id = t.k ORDER BY t.k"));
    }
  }

  @Test
  void otherAvaticaClientsGetTheDatabasesText() throws SQLException {
    try (Connection generic = DriverManager.getConnection("jdbc:avatica:remote:url=http://"
        + "127.0.0.1:" + server.port() + ";serialization=PROTOBUF");
         Statement statement = generic.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT k, u, tz, ids, ai FROM served_types WHERE k = 1")) {
      assertTrue(rows.next());
      assertEquals(Types.VARCHAR, rows.getMetaData().getColumnType(2));
      assertEquals("00000001-1234-5678-9abc-def012345678", rows.getString(2));
      assertEquals("2024-01-02 03:04:05.123456789+05:30", rows.getString(3));
      assertEquals("INTERVAL '1 02:03:04.5' DAY TO SECOND", rows.getString(4));
      assertEquals("[1, null, 3]", rows.getString(5));
    }
  }
}
