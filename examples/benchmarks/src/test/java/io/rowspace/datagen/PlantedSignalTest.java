package io.rowspace.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spaces over related tables recover signal that lives only in the related tables, as a user
 * would see it: the validation AUC in {@code ROWSPACE.PREDICTORS}, against the same predictor on
 * a space over the root table alone.
 */
@Tag("slow")
class PlantedSignalTest {
  /** Orders are the root of two spaces: train those on a sample of them. */
  private static final String SAMPLED = " WITH (max_rows = 1000)";
  private static Connection connection;
  private static List<String> statementsSent;

  @BeforeAll
  static void generate() throws SQLException {
    // A database of its own per run (a rerun of a failed test starts afresh).
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:planted_signal_"
        + System.nanoTime());
    new RelatedDataGenerator(400, 30, 7).write(connection);
    try (Statement s = connection.createStatement()) {
      s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
      s.execute("SET QUERY_STATISTICS TRUE");
      s.executeUpdate("CREATE EMBEDDING SPACE spending ON customers INCLUDE (orders)");
      statementsSent = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(
          "SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
        while (rs.next()) {
          statementsSent.add(rs.getString(1));
        }
      }
      s.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void aParentLabelThatOnlyChildAggregatesTellIsLearnedFromTheChildTable() throws SQLException {
    double withOrders = auc("spending_pred", "spending", "big_spender");
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE EMBEDDING SPACE customers_alone ON customers "
          + "INCLUDE NO RELATED TABLES");
    }
    double alone = auc("alone_pred", "customers_alone", "big_spender");
    assertTrue(withOrders > 0.85, "with orders: AUC " + withOrders);
    assertTrue(alone < 0.7, "customers alone carry no signal: AUC " + alone);
  }

  @Test
  void aChildOutcomeThatOnlyItsParentTellsIsLearnedFromTheParentTableAlsoForNewParents()
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE EMBEDDING SPACE return_space ON orders INCLUDE (products)"
          + SAMPLED);
      s.executeUpdate("CREATE EMBEDDING SPACE orders_alone ON orders INCLUDE NO RELATED TABLES "
          + "EXCLUDE COLUMNS (product_id)" + SAMPLED);
    }
    double withProducts = auc("returns_pred", "return_space", "returned");
    double alone = auc("orders_alone_pred", "orders_alone", "returned");
    assertTrue(withProducts > 0.8, "with products: AUC " + withProducts);
    assertTrue(alone < 0.65, "orders alone carry no signal: AUC " + alone);

    // Cold start: products never seen in training, one fragile and one not, with new orders.
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("INSERT INTO products VALUES (1001, 'fragile', 50), (1002, 'books', 50)");
      s.executeUpdate("INSERT INTO orders VALUES (90001, 1, 1001, 80, 'web', NULL), "
          + "(90002, 1, 1002, 80, 'web', NULL)");
      try (ResultSet rs = s.executeQuery("SELECT order_id, PREDICT_PROBA('returns_pred', 'yes') "
          + "AS p FROM orders WHERE order_id > 90000 ORDER BY order_id")) {
        assertTrue(rs.next());
        double fragile = rs.getDouble("P");
        assertTrue(rs.next());
        double books = rs.getDouble("P");
        assertTrue(fragile > books + 0.3, String.format(Locale.ROOT,
            "new fragile product %.3f vs new book %.3f", fragile, books));
      }
      // The related table is explained as one factor, and it is what decides.
      try (ResultSet rs = s.executeQuery("SELECT PREDICT_DETAILS('returns_pred') FROM orders "
          + "WHERE order_id = 90001")) {
        assertTrue(rs.next());
        String details = rs.getString(1);
        int products = details.indexOf("\"PRODUCTS.*\"");
        assertTrue(products > 0, details);
        String importance = details.substring(details.indexOf("\"feature_importance\""));
        assertTrue(importance.indexOf("\"PRODUCTS.*\"") < importance.indexOf("\"AMOUNT\""),
            "products rank first: " + importance);
      }
    }
  }

  @Test
  void aLabelThatLivesBehindABridgeTableIsLearnedThroughBothKeys() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE EMBEDDING SPACE wishes ON customers INCLUDE (wishlist, products)");
      try (ResultSet rs = s.executeQuery("SELECT parent_table, child_table, kind FROM "
          + "ROWSPACE.RELATIONSHIPS WHERE space = 'WISHES' ORDER BY child_table, parent_table")) {
        assertTrue(rs.next());
        assertEquals("CUSTOMERS WISHLIST N:M", rs.getString(1) + " " + rs.getString(2) + " "
            + rs.getString(3));
        assertTrue(rs.next());
        assertEquals("PRODUCTS WISHLIST N:1", rs.getString(1) + " " + rs.getString(2) + " "
            + rs.getString(3));
      }
    }
    double auc = auc("wishes_pred", "wishes", "gadget_fan");
    assertTrue(auc > 0.8, "through the wish list: AUC " + auc);
  }

  @Test
  void trainingReadsTheChildTableByKeysAndNeverJoinsItWithTheRoot() {
    List<String> reads = statementsSent.stream()
        .filter(sql -> sql.contains("\"ORDERS\"") && !sql.contains("COUNT("))
        .toList();
    assertFalse(reads.isEmpty(), "orders were read: " + statementsSent);
    for (String sql : reads) {
      assertFalse(sql.contains("\"CUSTOMERS\""), "a read of orders names customers: " + sql);
      assertFalse(sql.toUpperCase(Locale.ROOT).contains(" JOIN "), "a join: " + sql);
      assertTrue(sql.contains("\"CUSTOMER_ID\" IN (?"), "keyed by customer: " + sql);
    }
    for (String sql : statementsSent) {
      if (sql.contains("\"ORDERS\"") && sql.contains("\"CUSTOMERS\"")) {
        assertTrue(sql.startsWith("SELECT COUNT(*)"),
            "only one-row validation counts name both tables: " + sql);
      }
    }
  }

  @Test
  void explainShowsTheRelationshipAndTheSqlOfEachStep() throws SQLException {
    List<String> plan = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR CREATE EMBEDDING SPACE x ON customers")) {
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
    }
    String text = String.join("\n", plan);
    // Orders reference customers and products: a bridge between them (SPEC section 3.1).
    assertTrue(text.contains("CHILD ORDERS (N:M"), text);
    assertTrue(text.contains("CHILD WISHLIST (N:M"), text);
    assertTrue(text.contains("PARENT PRODUCTS (N:1"), text);
    assertTrue(text.contains("fan-out mean"), text);
    assertTrue(text.contains("WHERE \"CUSTOMER_ID\" IN (?, ?)"), text);
  }

  /** Trains a predictor and returns its validation AUC from the catalog. */
  private static double auc(String predictor, String space, String target) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE PREDICTOR " + predictor + " ON " + space + " TARGET " + target);
      try (ResultSet rs = s.executeQuery("SELECT auc FROM ROWSPACE.PREDICTORS WHERE name = '"
          + predictor.toUpperCase(Locale.ROOT) + "'")) {
        assertTrue(rs.next());
        double auc = rs.getDouble(1);
        System.out.printf(Locale.ROOT, "%s on %s: validation AUC %.3f%n", target, space, auc);
        return auc;
      }
    }
  }
}
