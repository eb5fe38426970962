package io.rowspace.datagen;

import io.trino.tpch.CustomerGenerator;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import io.trino.tpch.Order;
import io.trino.tpch.OrderGenerator;
import io.trino.tpch.PartGenerator;
import io.trino.tpch.SupplierGenerator;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes TPC-H-shaped tables ({@code io.trino.tpch} at a small scale factor) with a target
 * planted from the related rows: {@code customer(c_custkey, c_acctbal, c_mktsegment, loyal)} ←
 * {@code orders} ← {@code lineitem} → {@code part} and {@code supplier}. Only customers with
 * orders are kept (TPC-H gives none to every third customer). A customer is loyal
 * ({@code loyal = 'yes'}) with a probability whose log-odds are the weighted standardised
 *
 * <ul>
 *   <li>days from the customer's latest order to the latest order date of all (lowers it);
 *   <li>share of the customer's orders of priority {@code 1-URGENT} (a category share of the
 *       child);
 *   <li>share of the customer's line items whose part is made by {@code Manufacturer#1} (a
 *       parent's category two hops away, behind the line items).
 * </ul>
 *
 * The TPC-H columns themselves (balances, segments, prices, dates, ship modes) are as generated,
 * so everything else is noise; the label draw is seeded.
 */
public final class TpchLoyaltyGenerator {
  static final String URGENT = "1-URGENT";
  static final String MAKER = "Manufacturer#1";

  private final double scale;
  private final double recency;
  private final double urgent;
  private final double maker;
  private final long seed;

  /**
   * @param scale the TPC-H scale factor (0.01: 1,000 customers with orders, 15,000 orders,
   *     60,000 line items)
   * @param recency weight of the standardised days since the latest order (it lowers loyalty)
   * @param urgent weight of the standardised share of urgent orders
   * @param maker weight of the standardised share of line items from {@value #MAKER}
   * @param seed the seed of the label draw
   */
  public TpchLoyaltyGenerator(double scale, double recency, double urgent, double maker,
      long seed) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("The scale factor must be positive, not " + scale);
    }
    this.scale = scale;
    this.recency = recency;
    this.urgent = urgent;
    this.maker = maker;
    this.seed = seed;
  }

  /** All three signals at weight 1.5. */
  public static TpchLoyaltyGenerator allSignals(double scale, long seed) {
    return new TpchLoyaltyGenerator(scale, 1.5, 1.5, 1.5, seed);
  }

  /** Per customer, what the label is drawn from. */
  private static final class Tally {
    long latestOrder = Long.MIN_VALUE;
    int orders;
    int urgentOrders;
    int items;
    int makerItems;
  }

  /** Creates the five tables (with keys) and fills them. */
  public void write(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE part (p_partkey BIGINT PRIMARY KEY, p_mfgr VARCHAR(25), "
          + "p_size INTEGER, p_container VARCHAR(10), p_retailprice DOUBLE PRECISION)");
      s.execute("CREATE TABLE supplier (s_suppkey BIGINT PRIMARY KEY, s_nationkey INTEGER, "
          + "s_acctbal DOUBLE PRECISION)");
      s.execute("CREATE TABLE customer (c_custkey BIGINT PRIMARY KEY, c_acctbal DOUBLE "
          + "PRECISION, c_mktsegment VARCHAR(10), loyal VARCHAR(3))");
      s.execute("CREATE TABLE orders (o_orderkey BIGINT PRIMARY KEY, o_custkey BIGINT "
          + "REFERENCES customer(c_custkey), o_orderstatus CHAR(1), o_totalprice "
          + "DOUBLE PRECISION, o_orderdate DATE, o_orderpriority VARCHAR(15))");
      s.execute("CREATE TABLE lineitem (l_orderkey BIGINT REFERENCES orders(o_orderkey), "
          + "l_linenumber INTEGER, l_partkey BIGINT REFERENCES part(p_partkey), l_suppkey "
          + "BIGINT REFERENCES supplier(s_suppkey), l_quantity INTEGER, l_extendedprice "
          + "DOUBLE PRECISION, l_discount DOUBLE PRECISION, l_returnflag CHAR(1), "
          + "l_shipmode VARCHAR(10), l_shipdate DATE, PRIMARY KEY (l_orderkey, l_linenumber))");
    }
    Map<Long, Boolean> byMaker = new HashMap<>();
    BatchedInsert.insert(connection, "INSERT INTO part VALUES (?, ?, ?, ?, ?)",
        new PartGenerator(scale, 1, 1), (ps, part) -> {
          ps.setLong(1, part.getPartKey());
          ps.setString(2, part.getManufacturer());
          ps.setInt(3, part.getSize());
          ps.setString(4, part.getContainer());
          ps.setDouble(5, part.getRetailPrice());
          byMaker.put(part.getPartKey(), MAKER.equals(part.getManufacturer()));
          return true;
        });
    BatchedInsert.insert(connection, "INSERT INTO supplier VALUES (?, ?, ?)",
        new SupplierGenerator(scale, 1, 1), (ps, supplier) -> {
          ps.setLong(1, supplier.getSupplierKey());
          ps.setLong(2, supplier.getNationKey());
          ps.setDouble(3, supplier.getAccountBalance());
          return true;
        });
    // Which customers have orders, and each order's customer, before any row is written: the
    // customer rows come first (the orders reference them).
    Map<Long, Tally> tallies = new TreeMap<>();
    Map<Long, Long> customerOf = new HashMap<>();
    for (Order order : new OrderGenerator(scale, 1, 1)) {
      Tally t = tallies.computeIfAbsent(order.getCustomerKey(), k -> new Tally());
      t.latestOrder = Math.max(t.latestOrder, order.getOrderDate());
      t.orders++;
      t.urgentOrders += URGENT.equals(order.getOrderPriority()) ? 1 : 0;
      customerOf.put(order.getOrderKey(), order.getCustomerKey());
    }
    for (LineItem item : new LineItemGenerator(scale, 1, 1)) {
      Tally t = tallies.get(customerOf.get(item.getOrderKey()));
      t.items++;
      t.makerItems += byMaker.getOrDefault(item.getPartKey(), false) ? 1 : 0;
    }
    Map<Long, String> labels = labels(tallies);
    BatchedInsert.insert(connection, "INSERT INTO customer VALUES (?, ?, ?, ?)",
        new CustomerGenerator(scale, 1, 1), (ps, customer) -> {
          String label = labels.get(customer.getCustomerKey());
          if (label == null) {
            return false;
          }
          ps.setLong(1, customer.getCustomerKey());
          ps.setDouble(2, customer.getAccountBalance());
          ps.setString(3, customer.getMarketSegment());
          ps.setString(4, label);
          return true;
        });
    BatchedInsert.insert(connection, "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)",
        new OrderGenerator(scale, 1, 1), (ps, order) -> {
          ps.setLong(1, order.getOrderKey());
          ps.setLong(2, order.getCustomerKey());
          ps.setString(3, String.valueOf(order.getOrderStatus()));
          ps.setDouble(4, order.getTotalPrice());
          ps.setDate(5, Date.valueOf(LocalDate.ofEpochDay(order.getOrderDate())));
          ps.setString(6, order.getOrderPriority());
          return true;
        });
    BatchedInsert.insert(connection,
        "INSERT INTO lineitem VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        new LineItemGenerator(scale, 1, 1), (ps, item) -> {
          ps.setLong(1, item.getOrderKey());
          ps.setInt(2, item.getLineNumber());
          ps.setLong(3, item.getPartKey());
          ps.setLong(4, item.getSupplierKey());
          ps.setLong(5, item.getQuantity());
          ps.setDouble(6, item.getExtendedPrice());
          ps.setDouble(7, item.getDiscount());
          ps.setString(8, item.getReturnFlag());
          ps.setString(9, item.getShipMode());
          ps.setDate(10, Date.valueOf(LocalDate.ofEpochDay(item.getShipDate())));
          return true;
        });
  }

  /** Draws each customer's label from its standardised signals, in key order. */
  private Map<Long, String> labels(Map<Long, Tally> tallies) {
    long latest = tallies.values().stream().mapToLong(t -> t.latestOrder).max().orElse(0);
    int n = tallies.size();
    double[][] signals = new double[3][n];
    int i = 0;
    for (Tally t : tallies.values()) {
      signals[0][i] = latest - t.latestOrder;
      signals[1][i] = (double) t.urgentOrders / t.orders;
      signals[2][i] = t.items == 0 ? 0 : (double) t.makerItems / t.items;
      i++;
    }
    for (double[] signal : signals) {
      standardise(signal);
    }
    Random random = new Random(seed);
    Map<Long, String> labels = new HashMap<>();
    i = 0;
    for (Long key : tallies.keySet()) {
      double logOdds = -recency * signals[0][i] + urgent * signals[1][i] + maker * signals[2][i];
      labels.put(key, random.nextDouble() < 1 / (1 + Math.exp(-logOdds)) ? "yes" : "no");
      i++;
    }
    return labels;
  }

  private static void standardise(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean) / values.length;
    }
    double std = Math.sqrt(variance) + 1e-12;
    for (int i = 0; i < values.length; i++) {
      values[i] = (values[i] - mean) / std;
    }
  }
}
