package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Predictions stored by SQL: INSERT ... SELECT, CREATE TABLE ... AS SELECT, UPDATE ... SET and
 * DELETE ... WHERE with model calls, in the caller's transaction, all or nothing; on H2 and, when
 * {@code ROWSPACE_TEST_POSTGRES_URL} is set, on PostgreSQL.
 */
class ModelCallWritesTest {

  @Test
  void writesPredictionsOnH2() throws SQLException {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:rowspace:h2:mem:model_call_writes")) {
      writesPredictions(connection);
    }
  }

  @Test
  void writesPredictionsOnPostgres() throws SQLException {
    String backing = System.getenv("ROWSPACE_TEST_POSTGRES_URL");
    Assumptions.assumeTrue(backing != null, "No PostgreSQL: set ROWSPACE_TEST_POSTGRES_URL");
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      for (String table : List.of("scored", "scored_copy", "merged", "narrow", "parcels")) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    }
    try (Connection connection = DriverManager.getConnection(
        backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:"))) {
      writesPredictions(connection);
    }
  }

  private static void writesPredictions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE parcels (id INTEGER PRIMARY KEY, weight_kg DOUBLE "
          + "PRECISION, service VARCHAR(8), guess VARCHAR(8))");
      StringBuilder rows = new StringBuilder();
      for (int id = 1; id <= 240; id++) {
        int weight = id * 7 % 40;
        rows.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(weight)
            .append(".5, '").append(weight < 20 ? "letter" : "freight").append("', NULL)");
      }
      statement.execute("INSERT INTO parcels (id, weight_kg, service, guess) VALUES " + rows);
      statement.execute("CREATE EMBEDDING SPACE parcel_space ON parcels WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR service_p ON parcel_space TARGET service "
          + "WITH (epochs = 6)");
      List<String> predicted = column(connection,
          "SELECT id || ':' || PREDICT('service_p') FROM parcels ORDER BY id");

      statement.execute("CREATE TABLE scored (id INTEGER, label VARCHAR(8))");
      assertEquals(240, statement.executeUpdate("INSERT INTO scored (id, label) "
          + "SELECT id, PREDICT('service_p') FROM parcels"));
      assertEquals(predicted, column(connection,
          "SELECT id || ':' || label FROM scored ORDER BY id"));

      assertEquals(240, statement.executeUpdate("CREATE TABLE scored_copy AS SELECT id, "
          + "PREDICT('service_p') AS label, PREDICT_PROBA('service_p', 'freight') AS p "
          + "FROM parcels"));
      assertEquals(predicted, column(connection,
          "SELECT id || ':' || label FROM scored_copy ORDER BY id"));
      try (ResultSet rs = statement.executeQuery("SELECT p FROM scored_copy WHERE id = 1")) {
        assertTrue(rs.next());
        assertTrue(rs.getDouble(1) >= 0 && rs.getDouble(1) <= 1);
        assertEquals(java.sql.Types.DOUBLE, rs.getMetaData().getColumnType(1));
      }

      assertEquals(100, statement.executeUpdate("UPDATE parcels SET guess = "
          + "PREDICT('service_p') WHERE id <= 100"));
      assertEquals(predicted.subList(0, 100), column(connection,
          "SELECT id || ':' || guess FROM parcels WHERE guess IS NOT NULL ORDER BY id"));

      // the caller's transaction: rolled back, nothing was written
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO scored SELECT id + 1000, PREDICT('service_p') "
          + "FROM parcels");
      statement.executeUpdate("UPDATE parcels SET guess = NULL WHERE id <= 10");
      long freight = count(connection, "SELECT COUNT(*) FROM parcels WHERE "
          + "PREDICT('service_p') = 'freight'");
      assertEquals(freight, statement.executeUpdate("DELETE FROM parcels WHERE "
          + "PREDICT('service_p') = 'freight'"));
      connection.rollback();
      connection.setAutoCommit(true);
      assertEquals(240, count(connection, "SELECT COUNT(*) FROM scored"));
      assertEquals(240, count(connection, "SELECT COUNT(*) FROM parcels"));
      assertEquals(100, count(connection, "SELECT COUNT(*) FROM parcels WHERE guess IS NOT NULL"));

      // a row that fails half-way leaves the table as it was
      statement.execute("CREATE TABLE narrow (id INTEGER, label VARCHAR(6))");
      statement.executeUpdate("INSERT INTO narrow VALUES (0, 'before')");
      SQLException tooLong = assertThrows(SQLException.class, () -> statement.executeUpdate(
          "INSERT INTO narrow SELECT id, PREDICT('service_p') FROM parcels ORDER BY id"));
      assertTrue(tooLong.getSQLState().startsWith("22"), tooLong.getSQLState() + " "
          + tooLong.getMessage());
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM narrow"));

      // MERGE with the model calls in USING: matched rows updated, the others inserted
      statement.execute("CREATE TABLE merged (id INTEGER PRIMARY KEY, label VARCHAR(8))");
      statement.executeUpdate("INSERT INTO merged (id, label) SELECT id, 'old' FROM parcels "
          + "WHERE id <= 100");
      String merge = "MERGE INTO merged m USING (SELECT id, PREDICT('service_p') AS l "
          + "FROM parcels) s ON m.id = s.id WHEN MATCHED THEN UPDATE SET label = s.l "
          + "WHEN NOT MATCHED THEN INSERT (id, label) VALUES (s.id, s.l)";
      assertEquals(240, statement.executeUpdate(merge));
      assertEquals(predicted, column(connection,
          "SELECT id || ':' || label FROM merged ORDER BY id"));
      // in the caller's transaction, rolled back with it; the staging table goes at its end
      connection.setAutoCommit(false);
      assertEquals(240, statement.executeUpdate("MERGE INTO merged m USING (SELECT id, "
          + "'x' || PREDICT('service_p') AS l FROM parcels) s ON m.id = s.id "
          + "WHEN MATCHED THEN UPDATE SET label = s.l"));
      connection.rollback();
      connection.setAutoCommit(true);
      assertEquals(predicted, column(connection,
          "SELECT id || ':' || label FROM merged ORDER BY id"));
      // a row that fails leaves the target as it was
      assertThrows(SQLException.class, () -> statement.executeUpdate("MERGE INTO merged m "
          + "USING (SELECT id, 'too long ' || PREDICT('service_p') AS l FROM parcels) s "
          + "ON m.id = s.id WHEN MATCHED THEN UPDATE SET label = s.l"));
      assertEquals(predicted, column(connection,
          "SELECT id || ':' || label FROM merged ORDER BY id"));
      // model calls in SET and VALUES predict for the USING row
      statement.executeUpdate("DELETE FROM merged WHERE id > 100");
      statement.executeUpdate("UPDATE merged SET label = 'old'");
      assertEquals(240, statement.executeUpdate("MERGE INTO merged m USING parcels s "
          + "ON m.id = s.id WHEN MATCHED THEN UPDATE SET label = PREDICT('service_p') "
          + "WHEN NOT MATCHED THEN INSERT (id, label) VALUES (s.id, PREDICT('service_p'))"));
      assertEquals(predicted, column(connection,
          "SELECT id || ':' || label FROM merged ORDER BY id"));
      // in ON: only the rows the model calls freight match
      long freightRows = count(connection, "SELECT COUNT(*) FROM parcels "
          + "WHERE PREDICT('service_p') = 'freight'");
      assertTrue(freightRows > 0 && freightRows < 240, freightRows + " freight");
      assertEquals(freightRows, statement.executeUpdate("MERGE INTO merged m USING (SELECT * "
          + "FROM parcels) AS s ON m.id = s.id AND PREDICT('service_p') = 'freight' "
          + "WHEN MATCHED THEN UPDATE SET label = 'f'"));
      assertEquals(freightRows,
          count(connection, "SELECT COUNT(*) FROM merged WHERE label = 'f'"));
      // in the caller's transaction, rolled back with it
      connection.setAutoCommit(false);
      assertEquals(240, statement.executeUpdate("MERGE INTO merged m USING parcels s "
          + "ON m.id = s.id WHEN MATCHED THEN UPDATE SET label = 'x' || PREDICT('service_p')"));
      connection.rollback();
      connection.setAutoCommit(true);
      assertEquals(freightRows,
          count(connection, "SELECT COUNT(*) FROM merged WHERE label = 'f'"));
      // a row that fails leaves the target as it was
      assertThrows(SQLException.class, () -> statement.executeUpdate("MERGE INTO merged m "
          + "USING parcels s ON m.id = s.id "
          + "WHEN MATCHED THEN UPDATE SET label = 'too long ' || PREDICT('service_p')"));
      assertEquals(freightRows,
          count(connection, "SELECT COUNT(*) FROM merged WHERE label = 'f'"));
      // a call outside USING cannot read the target's row: refused, with the clause and fix
      SQLException outside = assertThrows(SQLException.class, () -> statement.executeUpdate(
          "MERGE INTO merged m USING parcels s ON m.id = s.id "
          + "WHEN MATCHED THEN UPDATE SET label = PREDICT('service_p', weight_kg => m.id)"));
      assertEquals("0A000", outside.getSQLState());
      assertTrue(outside.getMessage().contains("SET") && outside.getMessage().contains("USING"),
          outside.getMessage());
      statement.execute("DROP TABLE merged");
      statement.execute("DROP TABLE narrow");
      statement.execute("DROP PREDICTOR service_p");
      statement.execute("DROP EMBEDDING SPACE parcel_space");
      statement.execute("DROP TABLE scored_copy");
      statement.execute("DROP TABLE scored");
      statement.execute("DROP TABLE parcels");
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static List<String> column(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
