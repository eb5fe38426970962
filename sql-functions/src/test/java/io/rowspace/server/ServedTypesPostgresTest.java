package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowspace.jdbc.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Every type PostgreSQL returns travels over the Rowspace server with the value, class, text and
 * metadata an embedded connection gives (interval, json, jsonb, uuid, arrays, numeric with and
 * without a scale, timestamptz, timestamps and times with microseconds, dates, bytea, money,
 * inet, booleans, smallint, real, NULLs of each), with and without a model call in the query,
 * through a statement and a prepared statement.
 */
class ServedTypesPostgresTest {
  @Test
  void everyPostgresTypeTravelsAsTheEmbeddedConnectionGivesIt() throws SQLException {
    String url = TestPostgres.url().replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
        + (TestPostgres.url().contains("?") ? "&" : "?") + "stringtype=unspecified";
    try (Connection embedded = TestPostgres.penguinsWithPredictor()) {
      try (Connection direct = DriverManager.getConnection(TestPostgres.url());
           Statement statement = direct.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS served_pg_types");
        statement.execute("CREATE TABLE served_pg_types (k INT PRIMARY KEY, iv INTERVAL, "
            + "js JSON, jb JSONB, u UUID, ia INT[], ta TEXT[], n NUMERIC, n3 NUMERIC(12, 3), "
            + "tz TIMESTAMPTZ, ts TIMESTAMP(6), tm TIME(6), d DATE, b BYTEA, m MONEY, ip INET, "
            + "bo BOOLEAN, si SMALLINT, r REAL, dp DOUBLE PRECISION, big BIGINT, v VARCHAR(10))");
        statement.execute("INSERT INTO served_pg_types SELECT id, id * INTERVAL '1 day 2 hours', "
            + "json_build_object('id', id), jsonb_build_object('id', id, 'tags', "
            + "jsonb_build_array(id, 'x')), md5(id::text)::uuid, ARRAY[id, NULL], "
            + "ARRAY['a' || id, 'b,\"c\"', NULL], id / 7.0, id * 1.5, "
            + "TIMESTAMPTZ '2024-03-01 10:00:00.123456+02' + id * INTERVAL '1 hour', "
            + "TIMESTAMP '2024-01-01 00:00:00.654321' + id * INTERVAL '1 minute', "
            + "TIME '12:34:56.789012', DATE '2024-01-01' + id, decode(md5(id::text), 'hex'), "
            + "(id * 1.25)::money, ('10.0.0.' || id)::inet, id % 2 = 0, id, id / 3.0, "
            + "id * 1e20, id * 10000000000, 'v' || id FROM generate_series(1, 120) AS id");
        statement.execute("INSERT INTO served_pg_types (k) VALUES (121)");
      }
      try (RowspaceServer server = RowspaceServer.start(url, 0, null);
           Connection remote = DriverManager.getConnection(server.clientUrl("localhost"))) {
        ServedTypesCheck check = new ServedTypesCheck(embedded, remote);
        assertEquals(121, check.check("SELECT * FROM served_pg_types ORDER BY k"));
        assertEquals(121, check.check("SELECT t.*, PREDICT('sp') AS p FROM served_pg_types t "
            + "LEFT JOIN penguins p ON p.id = t.k ORDER BY t.k"));
        assertEquals(121, check.check("SELECT t.k, t.iv, t.u, t.ia, t.n, t.tz, t.b, t.m, "
            + "PREDICT_PROBA('sp') AS p FROM served_pg_types t JOIN penguins p ON p.id = t.k "
            + "WHERE PREDICT('sp') IS NOT NULL ORDER BY p, t.k"));
      } finally {
        try (Connection direct = DriverManager.getConnection(TestPostgres.url());
             Statement statement = direct.createStatement()) {
          statement.execute("DROP TABLE served_pg_types");
        }
        TestPostgres.dropPenguins(embedded);
      }
    }
  }
}
