package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when the related tables of a space are named wrongly: errors that name the
 * table or column and the fix, with the SQLSTATE of SPEC section 9, and nothing left behind.
 */
class RelatedTableErrorsTest {
  private Connection connection;

  @BeforeEach
  void shop() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:related_errors_"
        + System.nanoTime());
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, region VARCHAR(10), age INT)");
      s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER "
          + "REFERENCES customers(id), amount DOUBLE PRECISION)");
      s.execute("CREATE TABLE notes (note_id INTEGER PRIMARY KEY, customer_code VARCHAR(10), "
          + "text VARCHAR(100))");
      s.execute("CREATE TABLE weather (reading_day DATE PRIMARY KEY, rain DOUBLE PRECISION)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private SQLException fails(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    });
  }

  @Test
  void anIncludedTableThatDoesNotExistIsNamedWithTheTablesThatDo() {
    SQLException e = fails("CREATE EMBEDDING SPACE s ON customers INCLUDE (ordres)");
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().contains("ORDRES") && e.getMessage().contains("ORDERS"),
        e.getMessage());
  }

  @Test
  void anIncludedTableWithoutAKeyPathSuggestsVia() {
    SQLException e = fails("CREATE EMBEDDING SPACE s ON customers INCLUDE (weather)");
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().contains("INCLUDE (WEATHER VIA column)"), e.getMessage());
  }

  @Test
  void aViaColumnThatNoTableHasIsAnUnknownColumn() {
    SQLException e = fails("CREATE EMBEDDING SPACE s ON customers INCLUDE (notes VIA cust)");
    assertEquals("42S22", e.getSQLState());
    assertTrue(e.getMessage().contains("CUST"), e.getMessage());
  }

  @Test
  void joinColumnsOfIncompatibleTypesAreRefusedBeforeTraining() throws SQLException {
    SQLException e = fails("CREATE EMBEDDING SPACE s ON customers INCLUDE (notes VIA "
        + "customer_code)");
    assertEquals("22000", e.getSQLState());
    assertTrue(e.getMessage().contains("NOTES.CUSTOMER_CODE") && e.getMessage().contains(
        "incompatible"), e.getMessage());
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "nothing left behind");
    }
  }

  @Test
  void excludingAColumnOfARelatedTableChecksTheTableAndTheColumn() {
    SQLException table = fails("CREATE EMBEDDING SPACE s ON customers EXCLUDE COLUMNS "
        + "(payments.amount)");
    assertEquals("42S02", table.getSQLState());
    SQLException column = fails("CREATE EMBEDDING SPACE s ON customers EXCLUDE COLUMNS "
        + "(orders.amout)");
    assertEquals("42S22", column.getSQLState());
    assertTrue(column.getMessage().contains("AMOUNT"), column.getMessage());
  }

  @Test
  void explainShowsCoverageFindingsOfOrphanRows() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO customers VALUES (1, 'north', 30), (2, 'south', 40)");
      s.execute("INSERT INTO orders VALUES (10, 1, 5.0), (11, NULL, 7.0), (12, 2, 9.0)");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR CREATE EMBEDDING SPACE s ON "
          + "customers")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      String text = plan.toString();
      assertTrue(text.contains("CHILD ORDERS (1:N"), text);
      assertTrue(text.contains("join coverage 66.7%"), text);
      assertTrue(text.contains("finding: ORDERS(CUSTOMER_ID) -> CUSTOMERS: only 66.7% of ORDERS "
          + "rows match"), text);
      assertFalse(text.contains(" JOIN "), text);
    }
  }
}
