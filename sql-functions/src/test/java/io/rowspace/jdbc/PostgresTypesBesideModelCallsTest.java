package io.rowspace.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's own types (interval, json, jsonb, uuid, arrays, numeric without a scale,
 * timestamptz, bytea, money, inet) selected beside a model call come back as PostgreSQL gives
 * them: the same values, JDBC types, type names and classes, whether the query is sent to
 * PostgreSQL whole or Calcite sorts, filters or groups around the model call. Timestamps are
 * given to the millisecond: Calcite holds them so.
 */
class PostgresTypesBesideModelCallsTest {
  private static final String COLUMNS = "t.k, t.iv, t.js, t.jb, t.u, t.ia, t.ta, t.n, t.tz, "
      + "t.b, t.m, t.ip, t.d, t.ts";

  @Test
  void postgresTypesKeepTheirValuesAndClasses() throws SQLException {
    try (Connection connection = TestPostgres.penguinsWithPredictor();
         Connection direct = DriverManager.getConnection(TestPostgres.url())) {
      try (Statement statement = direct.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS typed_values");
        statement.execute("CREATE TABLE typed_values (k INT PRIMARY KEY, iv INTERVAL, js JSON, "
            + "jb JSONB, u UUID, ia INT[], ta TEXT[], n NUMERIC, tz TIMESTAMPTZ, b BYTEA, "
            + "m MONEY, ip INET, d DATE, ts TIMESTAMP(6))");
        statement.execute("INSERT INTO typed_values SELECT id, id * INTERVAL '1 day 2 hours', "
            + "json_build_object('id', id, 'name', 'p' || id), "
            + "jsonb_build_object('id', id, 'tags', jsonb_build_array(id, 'x')), "
            + "md5(id::text)::uuid, ARRAY[id, id * 2, NULL], ARRAY['a' || id, 'b,\"c\"', NULL], "
            + "id / 7.0, TIMESTAMPTZ '2024-03-01 10:00:00.123+02' + id * INTERVAL '1 hour', "
            + "decode(md5(id::text), 'hex'), (id * 1.25)::money, ('10.0.0.' || id)::inet, "
            + "DATE '2024-01-01' + id, TIMESTAMP '2024-01-01 00:00:00.654' + id * "
            + "INTERVAL '1 minute' FROM generate_series(1, 12) AS id");
        statement.execute("INSERT INTO typed_values (k) VALUES (13)");
      }
      DatabaseTypesCheck check = new DatabaseTypesCheck(direct, connection);
      // Known differences of getString: arrays are written with quoted elements (PostgreSQL's
      // driver writes them so from the binary transfer the scan gets), bytea in hex without
      // "\x", money without its currency sign, timestamptz without its offset
      Set<String> notText = Set.of("ia", "ta", "b", "m", "tz");
      String plain = "SELECT " + COLUMNS + " FROM typed_values t JOIN penguins p ON p.id = t.k";
      // sent to PostgreSQL whole; Calcite adds the model call
      check.check(plain, "SELECT " + COLUMNS + ", PREDICT('sp') AS p FROM typed_values t "
          + "JOIN penguins p ON p.id = t.k ORDER BY t.k", notText);
      // Calcite sorts by the model call and filters on it
      check.check(plain, "SELECT " + COLUMNS + ", PREDICT('sp') AS p FROM typed_values t "
          + "JOIN penguins p ON p.id = t.k WHERE PREDICT('sp') IS NOT NULL ORDER BY p, t.k", notText);
      // Calcite groups over the model call, with the typed columns as keys
      check.check("SELECT t.k, t.iv, t.u, t.ia, t.n, t.tz, t.ip FROM typed_values t "
          + "JOIN penguins p ON p.id = t.k", "SELECT t.k, t.iv, t.u, t.ia, t.n, t.tz, t.ip, "
          + "MAX(PREDICT('sp')) AS p FROM typed_values t JOIN penguins p ON p.id = t.k "
          + "GROUP BY t.k, t.iv, t.u, t.ia, t.n, t.tz, t.ip", notText);
      try (Statement statement = direct.createStatement()) {
        statement.execute("DROP TABLE typed_values");
      }
      TestPostgres.dropPenguins(connection);
    }
  }
}
