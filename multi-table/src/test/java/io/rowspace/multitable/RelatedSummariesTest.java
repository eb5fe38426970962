package io.rowspace.multitable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.planner.RelationshipPlanner;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlanner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.junit.jupiter.api.Test;

/**
 * The summaries of related rows the reader computes inside its keyed reads, checked against
 * values worked out by hand: customers ← orders (dated, returned or not) ← order items →
 * products (premium or not).
 */
class RelatedSummariesTest {

  @Test
  void summariesReachDatesSpreadsDistinctValuesAndAParentsCategoryTwoHopsAway()
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:summaries_" + System.nanoTime());
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE products (product_id INTEGER PRIMARY KEY, category VARCHAR(10))");
      s.execute("INSERT INTO products VALUES (1, 'premium'), (2, 'basic'), (3, 'basic'), "
          + "(4, 'outlet')");
      s.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, churned VARCHAR(3))");
      s.execute("INSERT INTO customers VALUES (1, 'no'), (2, 'yes'), (3, 'yes')");
      s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER "
          + "REFERENCES customers(customer_id), ordered_on DATE, amount INTEGER, "
          + "channel VARCHAR(5))");
      // Customer 1: orders 10 days and 30 days before the latest order of the table (order 4).
      s.execute("INSERT INTO orders VALUES (1, 1, DATE '2026-06-20', 10, 'web'), "
          + "(2, 1, DATE '2026-05-31', 30, 'shop'), (3, 2, DATE '2026-06-01', 50, 'web'), "
          + "(4, 2, DATE '2026-06-30', 50, 'app')");
      s.execute("CREATE TABLE order_items (item_id INTEGER PRIMARY KEY, order_id INTEGER "
          + "REFERENCES orders(order_id), product_id INTEGER REFERENCES products(product_id))");
      // Customer 1: three items, two of them premium; customer 2: one item, not premium.
      s.execute("INSERT INTO order_items VALUES (1, 1, 1), (2, 1, 2), (3, 2, 1), (4, 3, 4)");
      SqlDialect dialect = SqlDialectFactoryImpl.INSTANCE.create(c.getMetaData());
      SchemaReader schema = new SchemaReader(c, "PUBLIC", dialect);
      TableInfo customers = schema.findTable(null, "CUSTOMERS").orElseThrow();
      List<PlannedRelation> planned =
          new RelationshipPlanner(schema, null).plan(customers, List.of(), Set.of());
      Frame holders = new RowReader(c).read(new TrainingPlanner(dialect)
          .plan(customers, Set.of()).rootStep(), 0, () -> false);
      List<RelationRead> reads = RelationRead.of(planned);
      RelatedRows orders = new RelatedRowReader(c, new TrainingPlanner(dialect), 7,
          () -> false).attach(holders, reads).related().get(0);
      List<String> names = orders.relation().summaryNames();

      double[] first = orders.summary(0);
      assertEquals(2, value(names, first, "ORDERS.count"));
      assertEquals(10, value(names, first, "ORDERS.AMOUNT.min"));
      assertEquals(10, value(names, first, "ORDERS.AMOUNT.std"), 1e-9);
      assertEquals(2, value(names, first, "ORDERS.CHANNEL.distinct"));
      assertEquals(10, value(names, first, "ORDERS.ORDERED_ON.days_since_latest"), 1e-9);
      assertEquals(30, value(names, first, "ORDERS.ORDERED_ON.days_since_earliest"), 1e-9);
      assertEquals(2 / 30.0, value(names, first, "ORDERS.ORDERED_ON.per_day"), 1e-9);
      // Two of its three order items are premium (over both orders, weighted by items).
      assertEquals(2 / 3.0,
          value(names, first, "ORDERS→ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share"), 1e-9);
      assertEquals(1.5, value(names, first, "ORDERS→ORDER_ITEMS.count"), 1e-9);

      double[] second = orders.summary(1);
      assertEquals(0, value(names, second, "ORDERS.ORDERED_ON.days_since_latest"), 1e-9);
      assertEquals(0, value(names, second, "ORDERS.AMOUNT.std"), 1e-9);
      assertEquals(2, value(names, second, "ORDERS.CHANNEL.distinct"));
      assertEquals(0,
          value(names, second, "ORDERS→ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share"), 1e-9);

      double[] none = orders.summary(2);
      assertEquals(0, value(names, none, "ORDERS.count"));
      assertEquals(0, value(names, none, "ORDERS.ORDERED_ON.per_day"));
      assertTrue(Double.isNaN(value(names, none, "ORDERS.ORDERED_ON.days_since_latest")));

      // One hop down, per order: the items' products seen through the bridge.
      RelatedRows items = orders.nested().get(0);
      List<String> itemNames = items.relation().summaryNames();
      assertTrue(itemNames.contains("ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share"),
          itemNames.toString());
    }
  }

  private static double value(List<String> names, double[] summary, String name) {
    int i = names.indexOf(name);
    assertTrue(i >= 0, name + " among " + names);
    return summary[i];
  }
}
