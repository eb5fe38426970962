package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The same loop on a real PostgreSQL server behind Rowspace: lower-case identifiers, its own
 * dialect for the SQL Rowspace sends, BYTEA weights, and pass-through of PostgreSQL's own SQL.
 *
 * <p>The server comes from {@code ROWSPACE_TEST_POSTGRES_URL} (a {@code jdbc:postgresql:} URL);
 * {@code .ci/run} starts one, so in CI ({@code CI=true}) the test is required to run.
 */
class PostgresBackingTest {
  private static String backing() {
    String backing = TestPostgres.url();
    return backing;
  }

  @Test
  void spacesOverRelatedTablesReadThemByKeysOnPostgres() throws SQLException {
    String backing = backing();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS gym_visits");
      statement.execute("DROP TABLE IF EXISTS gym_members");
    }
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:");
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE gym_members (member_id BIGSERIAL PRIMARY KEY, "
          + "age INTEGER, keen VARCHAR(3))");
      statement.execute("CREATE TABLE gym_visits (visit_id SERIAL PRIMARY KEY, member_id "
          + "INTEGER REFERENCES gym_members(member_id), minutes INTEGER, area VARCHAR(10))");
      Random random = new Random(9);
      try (PreparedStatement member = connection.prepareStatement(
               "INSERT INTO gym_members (age, keen) VALUES (?, ?)");
           PreparedStatement visit = connection.prepareStatement(
               "INSERT INTO gym_visits (member_id, minutes, area) VALUES (?, ?, ?)")) {
        for (int m = 1; m <= 200; m++) {
          boolean keen = random.nextBoolean();
          member.setInt(1, 18 + random.nextInt(50));
          member.setString(2, keen ? "yes" : "no");
          member.executeUpdate();
          for (int v = 0; v < 1 + random.nextInt(4); v++) {
            visit.setInt(1, m);
            visit.setInt(2, (keen ? 60 : 15) + random.nextInt(20));
            visit.setString(3, random.nextBoolean() ? "weights" : "pool");
            visit.addBatch();
          }
        }
        visit.executeBatch();
      }
      assertEquals(200, statement.executeUpdate(
          "CREATE EMBEDDING SPACE gym ON gym_members WITH (epochs = 3)"));
      try (ResultSet rs = statement.executeQuery("SELECT parent_table, child_table, kind, "
          + "coverage FROM rowspace.relationships WHERE space = 'gym'")) {
        assertTrue(rs.next());
        assertEquals("gym_members gym_visits 1:N", rs.getString(1) + " " + rs.getString(2)
            + " " + rs.getString(3));
        assertEquals(1.0, rs.getDouble(4), 1e-9);
      }
      statement.executeUpdate("CREATE PREDICTOR keen ON gym TARGET keen WITH (epochs = 5)");
      try (ResultSet rs = statement.executeQuery("SELECT member_id, PREDICT_PROBA('keen', 'yes') "
          + "AS p FROM gym_members WHERE member_id <= 10 ORDER BY member_id")) {
        int rows = 0;
        while (rs.next()) {
          double p = rs.getDouble("p");
          assertTrue(p >= 0 && p <= 1);
          rows++;
        }
        assertEquals(10, rows);
      }
      statement.execute("DROP EMBEDDING SPACE gym CASCADE");
      statement.execute("DROP TABLE gym_visits");
      statement.execute("DROP TABLE gym_members");
    }
  }

  @Test
  void spacesPredictorsAndFunctionsWorkOnPostgres() throws SQLException {
    String backing = backing();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP TABLE IF EXISTS members");
    }
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:");
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE members (id SERIAL PRIMARY KEY, age INTEGER, "
          + "plan VARCHAR(10), monthly_fee NUMERIC(8, 2), active BOOLEAN, left_club VARCHAR(3))");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO members "
          + "(age, plan, monthly_fee, active, left_club) VALUES (?, ?, ?, ?, ?)")) {
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
          int age = 18 + random.nextInt(60);
          String plan = random.nextBoolean() ? "gold" : "basic";
          insert.setInt(1, age);
          insert.setString(2, plan);
          insert.setBigDecimal(3, new java.math.BigDecimal(plan.equals("gold") ? "49.90"
              : "19.90"));
          insert.setBoolean(4, random.nextInt(4) > 0);
          insert.setString(5, age < 30 && plan.equals("basic") ? "yes" : "no");
          insert.addBatch();
        }
        insert.executeBatch();
      }

      assertEquals(300, statement.executeUpdate(
          "CREATE EMBEDDING SPACE club ON members WITH (epochs = 3)"));
      statement.executeUpdate("CREATE PREDICTOR leaving ON club TARGET left_club "
          + "WITH (epochs = 5)");
      try (ResultSet rs = statement.executeQuery("SELECT id, PREDICT('leaving') AS label, "
          + "PREDICT_PROBA('leaving', 'yes') AS p FROM members WHERE id <= 20 ORDER BY id")) {
        int rows = 0;
        while (rs.next()) {
          assertTrue(Set.of("yes", "no").contains(rs.getString("label")));
          double p = rs.getDouble("p");
          assertTrue(p >= 0 && p <= 1);
          rows++;
        }
        assertEquals(20, rows);
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT * FROM TABLE(SIMILAR_ROWS('club', 1, 4))")) {
        assertEquals("rank", rs.getMetaData().getColumnLabel(1));
        int rows = 0;
        while (rs.next()) {
          assertTrue(rs.getInt("id") != 1);
          rows++;
        }
        assertEquals(4, rows);
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT name, status FROM rowspace.embedding_spaces")) {
        assertTrue(rs.next());
        assertEquals("club", rs.getString("name"));
        assertEquals("READY", rs.getString("status"));
      }
      // PostgreSQL's own dialect passes through untouched.
      try (ResultSet rs = statement.executeQuery(
          "SELECT string_agg(plan, ',' ORDER BY plan) FROM (SELECT DISTINCT plan FROM members) t")) {
        assertTrue(rs.next());
        assertEquals("basic,gold", rs.getString(1));
      }
      SQLException unknown = assertThrows(SQLException.class,
          () -> statement.execute("CREATE EMBEDDING SPACE other ON no_such_table"));
      assertEquals("42S02", unknown.getSQLState());
      assertNotNull(unknown.getMessage());
      statement.execute("DROP EMBEDDING SPACE club CASCADE");
      statement.execute("DROP TABLE members");
    }
  }
}
