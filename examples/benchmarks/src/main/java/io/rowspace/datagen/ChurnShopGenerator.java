package io.rowspace.datagen;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes a shop whose root table holds only its key and the target, with the signal planted in
 * related tables one and two hops away: {@code customers(customer_id, churned)} ←
 * {@code orders(order_id, customer_id, ordered_on, amount, returned)} ←
 * {@code order_items(item_id, order_id, product_id, quantity)} →
 * {@code products(product_id, category, price)} (order items are a bridge between orders and
 * products). A customer churns ({@code churned = 'yes'}) with a probability that rises with
 *
 * <ul>
 *   <li>recency: the days from the customer's last order to {@link #REFERENCE};
 *   <li>the share of the customer's orders that were returned;
 *   <li>and falls with the share of the customer's order items whose product is in category
 *       {@code 'premium'}: a signal behind the bridge, in the parent's column.
 * </ul>
 *
 * Each signal has its own weight (zero leaves it out); amounts and quantities are noise.
 */
public final class ChurnShopGenerator {
  /** The day the data set was taken: the latest order is on or before it. */
  public static final LocalDate REFERENCE = LocalDate.of(2026, 6, 30);
  static final String[] OTHER_CATEGORIES = {"basic", "outlet", "standard"};
  private static final int PRODUCTS = 40;
  private static final int PREMIUM_PRODUCTS = 10;

  private final int customers;
  private final double recency;
  private final double returns;
  private final double premium;
  private final long seed;

  /**
   * @param customers rows of {@code customers}; one to eight orders each, one to four items per
   *     order
   * @param recency weight of the standardised days since the last order in the churn log-odds
   * @param returns weight of the standardised return propensity
   * @param premium weight of the standardised premium propensity (it lowers churn)
   * @param seed the same seed writes the same rows
   */
  public ChurnShopGenerator(int customers, double recency, double returns, double premium,
      long seed) {
    if (customers < 1) {
      throw new IllegalArgumentException("Need at least one customer.");
    }
    this.customers = customers;
    this.recency = recency;
    this.returns = returns;
    this.premium = premium;
    this.seed = seed;
  }

  /** All three signals at equal weight. */
  public static ChurnShopGenerator allSignals(int customers, long seed) {
    return new ChurnShopGenerator(customers, 1.5, 1.5, 1.5, seed);
  }

  /** Creates the four tables (with keys) and fills them. */
  public void write(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE products (product_id INTEGER PRIMARY KEY, category VARCHAR(10), "
          + "price DOUBLE PRECISION)");
      s.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, churned VARCHAR(3))");
      s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER "
          + "REFERENCES customers(customer_id), ordered_on DATE, amount DOUBLE PRECISION, "
          + "returned VARCHAR(3))");
      s.execute("CREATE TABLE order_items (item_id INTEGER PRIMARY KEY, order_id INTEGER "
          + "REFERENCES orders(order_id), product_id INTEGER REFERENCES products(product_id), "
          + "quantity INTEGER)");
    }
    Random random = new Random(seed);
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO products VALUES (?, ?, ?)")) {
      for (int p = 1; p <= PRODUCTS; p++) {
        ps.setInt(1, p);
        ps.setString(2, p <= PREMIUM_PRODUCTS ? "premium"
            : OTHER_CATEGORIES[p % OTHER_CATEGORIES.length]);
        ps.setDouble(3, Math.round(5 + 95 * random.nextDouble()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    int order = 0;
    int item = 0;
    try (PreparedStatement customer = connection.prepareStatement(
             "INSERT INTO customers VALUES (?, ?)");
         PreparedStatement orders = connection.prepareStatement(
             "INSERT INTO orders VALUES (?, ?, ?, ?, ?)");
         PreparedStatement items = connection.prepareStatement(
             "INSERT INTO order_items VALUES (?, ?, ?, ?)")) {
      for (int c = 1; c <= customers; c++) {
        int sinceLast = random.nextInt(366);
        double returnRate = 0.6 * random.nextDouble();
        double premiumRate = random.nextDouble();
        // Standardised (uniform variables: mean and standard deviation of each).
        double logOdds = recency * (sinceLast - 182.5) / 105.4
            + returns * (returnRate - 0.3) / 0.173
            - premium * (premiumRate - 0.5) / 0.289;
        boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
          int daysAgo = i == 0 ? sinceLast : sinceLast + 1 + random.nextInt(400);
          orders.setInt(1, ++order);
          orders.setInt(2, c);
          orders.setDate(3, Date.valueOf(REFERENCE.minusDays(daysAgo)));
          orders.setDouble(4, Math.round(10 + 190 * random.nextDouble()));
          orders.setString(5, random.nextDouble() < returnRate ? "yes" : "no");
          orders.addBatch();
          int lines = 1 + random.nextInt(4);
          for (int k = 0; k < lines; k++) {
            boolean isPremium = random.nextDouble() < premiumRate;
            items.setInt(1, ++item);
            items.setInt(2, order);
            items.setInt(3, isPremium ? 1 + random.nextInt(PREMIUM_PRODUCTS)
                : PREMIUM_PRODUCTS + 1 + random.nextInt(PRODUCTS - PREMIUM_PRODUCTS));
            items.setInt(4, 1 + random.nextInt(3));
            items.addBatch();
          }
        }
        customer.setInt(1, c);
        customer.setString(2, churned ? "yes" : "no");
        customer.addBatch();
        if (c % 500 == 0) {
          customer.executeBatch();
          orders.executeBatch();
          items.executeBatch();
        }
      }
      customer.executeBatch();
      orders.executeBatch();
      items.executeBatch();
    }
  }
}
