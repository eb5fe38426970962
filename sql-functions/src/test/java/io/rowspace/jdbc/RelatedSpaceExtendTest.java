package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ALTER EMBEDDING SPACE s ADD COLUMNS (c)} and {@code ... REFRESH} for a space over
 * related tables: training continues from the space's weights, its related table's token
 * included, on the current rows of the root and of the related table. A root column that carries
 * the signal raises a predictor's validation AUC; rows added to both tables take part in the
 * continued training, and the predictors are STALE or re-fitted on request.
 */
class RelatedSpaceExtendTest {
  private Connection connection;

  @BeforeEach
  void shop() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:related_extend_"
        + System.nanoTime());
    RelatedShop.create(connection, 300, 19);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void addingARootColumnWithSignalRaisesThePredictorsValidationAuc() throws SQLException {
    execute("CREATE EMBEDDING SPACE shop ON customers EXCLUDE COLUMNS (loyalty) "
        + "WITH (epochs = 6, seed = 3, sentence_model = false)");
    assertEquals("ORDERS", scalar("SELECT child_table FROM ROWSPACE.RELATIONSHIPS "
        + "WHERE space = 'SHOP'"), "a space over customers and their orders");
    execute("CREATE PREDICTOR churn ON shop TARGET churned "
        + "WITH (trees = false, fine_tune = false, epochs = 10)");
    double without = auc();

    List<String> warnings = execute("ALTER EMBEDDING SPACE shop ADD COLUMNS (loyalty)");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("training continues from version 1 "
        + "with the added column LOYALTY for 2 epochs")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("and 1 related tables")),
        warnings.toString());
    assertEquals("2 USED", scalar("SELECT s.version || ' ' || c.status FROM "
        + "ROWSPACE.EMBEDDING_SPACES s JOIN ROWSPACE.SPACE_COLUMNS c ON c.space = s.name "
        + "WHERE s.name = 'SHOP' AND c.column_name = 'LOYALTY'"));
    assertEquals("USED", scalar("SELECT status FROM ROWSPACE.SPACE_COLUMNS WHERE space = 'SHOP' "
        + "AND table_name = 'ORDERS' AND column_name = 'AMOUNT'"),
        "the related table's columns are still learned from");
    assertEquals("CUSTOMERS 1:N", scalar("SELECT parent_table || ' ' || kind FROM "
        + "ROWSPACE.RELATIONSHIPS WHERE space = 'SHOP'"));
    assertEquals("STALE", scalar("SELECT status FROM ROWSPACE.PREDICTORS WHERE name = 'CHURN'"));

    execute("CREATE OR REPLACE PREDICTOR churn ON shop TARGET churned "
        + "WITH (trees = false, fine_tune = false, epochs = 10)");
    double with = auc();
    System.out.printf(Locale.ROOT, "related space: validation AUC %.4f without the root column, "
        + "%.4f after ADD COLUMNS%n", without, with);
    assertTrue(with > without + 0.1, "validation AUC " + without + " without the column, "
        + with + " with it");

    SQLException link = assertThrows(SQLException.class,
        () -> execute("ALTER EMBEDDING SPACE shop ADD COLUMNS (id)"));
    assertEquals("22023", link.getSQLState());
    assertTrue(link.getMessage().contains("row key"), link.getMessage());
  }

  @Test
  void refreshTrainsOnNewRowsOfTheRootAndTheRelatedTable() throws SQLException {
    execute("CREATE EMBEDDING SPACE shop ON customers WITH (epochs = 4, seed = 3, "
        + "sentence_model = false)");
    execute("CREATE PREDICTOR churn ON shop TARGET churned WITH (epochs = 5)");
    long maxFanout = ((Number) scalar("SELECT max_fanout FROM ROWSPACE.RELATIONSHIPS "
        + "WHERE space = 'SHOP'")).longValue();

    // New customers with orders, and many new orders of one earlier customer.
    RelatedShop.addCustomers(connection, 301, 350, 23);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO orders VALUES (?, 7, ?, 'web')")) {
      for (int i = 0; i < 12; i++) {
        insert.setInt(1, 900_000 + i);
        insert.setDouble(2, 40 + i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    List<String> warnings = execute("ALTER EMBEDDING SPACE shop REFRESH "
        + "WITH (refit_predictors = true)");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("training continues from version 1 "
        + "on the current rows for 2 epochs")), warnings.toString());
    assertEquals("2 350", scalar("SELECT version || ' ' || rows_trained FROM "
        + "ROWSPACE.EMBEDDING_SPACES WHERE name = 'SHOP'"), "the new customers trained");
    long refreshedFanout = ((Number) scalar("SELECT max_fanout FROM ROWSPACE.RELATIONSHIPS "
        + "WHERE space = 'SHOP'")).longValue();
    assertTrue(refreshedFanout >= 12 && refreshedFanout > maxFanout,
        "the new orders were read: most orders of a customer " + maxFanout + " before, "
            + refreshedFanout + " after");
    assertEquals("READY 350", scalar("SELECT status || ' ' || training_rows FROM "
        + "ROWSPACE.PREDICTORS WHERE name = 'CHURN'"), "re-fitted on the refreshed space");

    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id, PREDICT('churn'), "
             + "PREDICT_PROBA('churn') FROM customers WHERE id > 290 ORDER BY id")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertTrue(List.of("yes", "no").contains(rs.getString(2)), "customer " + rs.getInt(1));
        double p = rs.getDouble(3);
        assertTrue(p >= 0 && p <= 1, "customer " + rs.getInt(1) + ": " + p);
      }
      assertEquals(60, rows, "new customers are predicted with their orders");
    }
    assertEquals(5L, ((Number) scalar("SELECT COUNT(*) FROM TABLE(SIMILAR_ROWS('shop', 340, "
        + "5))")).longValue(), "the new customers are embedded");

    execute("ALTER EMBEDDING SPACE shop ROLLBACK TO VERSION 1");
    assertEquals("1 300", scalar("SELECT version || ' ' || rows_trained FROM "
        + "ROWSPACE.EMBEDDING_SPACES WHERE name = 'SHOP'"));
  }

  @Test
  void aSpaceWithAParentTableKeepsReadingItsForeignKeyWhenContinued() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, category VARCHAR(10), "
          + "price DOUBLE PRECISION)");
      statement.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY, product_id INTEGER "
          + "REFERENCES products(id), quantity INTEGER, discount DOUBLE PRECISION, "
          + "returned VARCHAR(3))");
    }
    addSales(1, 200);
    execute("CREATE EMBEDDING SPACE sales_space ON sales EXCLUDE COLUMNS (discount) "
        + "WITH (epochs = 3, seed = 3, sentence_model = false)");
    assertEquals("PRODUCTS SALES N:1", scalar("SELECT parent_table || ' ' || child_table || ' ' "
        + "|| kind FROM ROWSPACE.RELATIONSHIPS WHERE space = 'SALES_SPACE'"));

    addSales(201, 240);
    execute("ALTER EMBEDDING SPACE sales_space ADD COLUMNS (discount)");
    assertEquals("2 240", scalar("SELECT version || ' ' || rows_trained FROM "
        + "ROWSPACE.EMBEDDING_SPACES WHERE name = 'SALES_SPACE'"));
    assertEquals("USED", scalar("SELECT status FROM ROWSPACE.SPACE_COLUMNS "
        + "WHERE space = 'SALES_SPACE' AND column_name = 'DISCOUNT'"));
    assertTrue(String.valueOf(scalar("SELECT status || ': ' || reason FROM ROWSPACE.SPACE_COLUMNS "
        + "WHERE space = 'SALES_SPACE' AND table_name = 'SALES' AND column_name = 'PRODUCT_ID'"))
        .startsWith("EXCLUDED: join column of PRODUCTS"), "the foreign key is read, not learned");
    assertEquals("PRODUCTS SALES N:1", scalar("SELECT parent_table || ' ' || child_table || ' ' "
        + "|| kind FROM ROWSPACE.RELATIONSHIPS WHERE space = 'SALES_SPACE'"));
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT ANOMALY_SCORE('sales_space') FROM sales "
             + "WHERE id > 230 ORDER BY id")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertTrue(Double.isFinite(rs.getDouble(1)), "sale " + (230 + rows));
      }
      assertEquals(10, rows);
    }
    SQLException link = assertThrows(SQLException.class,
        () -> execute("ALTER EMBEDDING SPACE sales_space ADD COLUMNS (product_id)"));
    assertEquals("22023", link.getSQLState());
    assertTrue(link.getMessage().contains("join column of a related table"), link.getMessage());
  }

  /** Sales {@code from} to {@code to} of twelve products; returns follow the category. */
  private void addSales(int from, int to) throws SQLException {
    Random random = new Random(from);
    try (Statement statement = connection.createStatement()) {
      statement.execute("MERGE INTO products KEY (id) SELECT x, CASEWHEN(MOD(x, 3) = 0, "
          + "'premium', 'basic'), 10.0 * x FROM SYSTEM_RANGE(1, 12)");
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO sales VALUES (?, ?, ?, ?, ?)")) {
      for (int id = from; id <= to; id++) {
        int product = 1 + random.nextInt(12);
        insert.setInt(1, id);
        insert.setInt(2, product);
        insert.setInt(3, 1 + random.nextInt(5));
        insert.setDouble(4, random.nextDouble() * 0.3);
        insert.setString(5, (product % 3 == 0) != (random.nextDouble() < 0.1) ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private double auc() throws SQLException {
    return ((Number) scalar("SELECT auc FROM ROWSPACE.PREDICTORS WHERE name = 'CHURN'"))
        .doubleValue();
  }

  private List<String> execute(String sql) throws SQLException {
    return JdbcCalls.executeForWarnings(connection, sql);
  }

  private Object scalar(String sql) throws SQLException {
    return JdbcCalls.scalar(connection, sql);
  }
}
