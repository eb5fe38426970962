package io.rowspace.datagen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * Writes a small shop into a database, with signal planted across tables ({@link
 * ChurnShopGenerator} writes another whose root holds only its key and the target, with
 * recency and a two-hop share behind a bridge):
 * <ul>
 *   <li>{@code customers.big_spender} is {@code 'yes'} exactly when the customer's orders average
 *       more than {@link #BIG_SPENDER_AVERAGE}; nothing in the customer's own row tells it;
 *   <li>{@code orders.returned} is mostly {@code 'yes'} for products of category
 *       {@code 'fragile'} and mostly {@code 'no'} otherwise; nothing in the order's own row tells
 *       it, only the product it references;
 *   <li>{@code customers.gadget_fan} is {@code 'yes'} when most products on the customer's wish
 *       list ({@code wishlist}, a bridge between customers and products) are
 *       {@code 'electronics'}.
 * </ul>
 * Other columns are noise. Tables: {@code products(product_id, category, price)},
 * {@code customers(customer_id, region, signup_year, big_spender, gadget_fan)},
 * {@code orders(order_id, customer_id, product_id, amount, channel, returned)},
 * {@code wishlist(customer_id, product_id, added_year)}.
 */
public final class RelatedDataGenerator {
  /** Average order amount above which a customer is a big spender. */
  public static final double BIG_SPENDER_AVERAGE = 100;
  static final String[] CATEGORIES = {"fragile", "electronics", "garden", "books", "toys"};
  private static final String[] REGIONS = {"north", "south", "east", "west"};
  private static final String[] CHANNELS = {"web", "store", "phone"};

  private final int customers;
  private final int products;
  private final long seed;

  /**
   * @param customers rows of {@code customers}; orders average five per customer
   * @param products rows of {@code products}
   * @param seed the same seed writes the same rows
   */
  public RelatedDataGenerator(int customers, int products, long seed) {
    if (customers < 1 || products < CATEGORIES.length) {
      throw new IllegalArgumentException("Need at least one customer and " + CATEGORIES.length
          + " products.");
    }
    this.customers = customers;
    this.products = products;
    this.seed = seed;
  }

  /** Creates the four tables (with keys) and fills them. */
  public void write(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE products (product_id INTEGER PRIMARY KEY, category VARCHAR(20), "
          + "price DOUBLE PRECISION)");
      s.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, region VARCHAR(10), "
          + "signup_year INTEGER, big_spender VARCHAR(3), gadget_fan VARCHAR(3))");
      s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER "
          + "REFERENCES customers(customer_id), product_id INTEGER REFERENCES "
          + "products(product_id), amount DOUBLE PRECISION, channel VARCHAR(10), "
          + "returned VARCHAR(3))");
      s.execute("CREATE TABLE wishlist (customer_id INTEGER REFERENCES customers(customer_id), "
          + "product_id INTEGER REFERENCES products(product_id), added_year INTEGER, "
          + "PRIMARY KEY (customer_id, product_id))");
    }
    Random random = new Random(seed);
    String[] category = new String[products + 1];
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO products VALUES (?, ?, ?)")) {
      for (int p = 1; p <= products; p++) {
        category[p] = CATEGORIES[(p - 1) % CATEGORIES.length];
        ps.setInt(1, p);
        ps.setString(2, category[p]);
        ps.setDouble(3, Math.round(5 + 95 * random.nextDouble()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    int order = 0;
    try (PreparedStatement customer = connection.prepareStatement(
             "INSERT INTO customers VALUES (?, ?, ?, ?, ?)");
         PreparedStatement orders = connection.prepareStatement(
             "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)");
         PreparedStatement wishes = connection.prepareStatement(
             "INSERT INTO wishlist VALUES (?, ?, ?)")) {
      for (int c = 1; c <= customers; c++) {
        // Spending level drives the amounts of this customer's orders, and only them.
        double level = 40 + 120 * random.nextDouble();
        int count = 1 + random.nextInt(9);
        double total = 0;
        for (int i = 0; i < count; i++) {
          int product = 1 + random.nextInt(products);
          double amount = Math.max(1, Math.round(level * (0.7 + 0.6 * random.nextDouble())));
          total += amount;
          double returnRate = "fragile".equals(category[product]) ? 0.85 : 0.1;
          orders.setInt(1, ++order);
          orders.setInt(2, c);
          orders.setInt(3, product);
          orders.setDouble(4, amount);
          orders.setString(5, CHANNELS[random.nextInt(CHANNELS.length)]);
          orders.setString(6, random.nextDouble() < returnRate ? "yes" : "no");
          orders.addBatch();
        }
        // Wish list: a customer leaning to electronics picks them most of the time.
        boolean leaning = random.nextBoolean();
        int wished = 2 + random.nextInt(4);
        int electronics = 0;
        java.util.Set<Integer> chosen = new java.util.TreeSet<>();
        while (chosen.size() < Math.min(wished, products)) {
          int product = pick(random, category, leaning ? 0.8 : 0.1);
          if (chosen.add(product) && "electronics".equals(category[product])) {
            electronics++;
          }
        }
        for (int product : chosen) {
          wishes.setInt(1, c);
          wishes.setInt(2, product);
          wishes.setInt(3, 2015 + random.nextInt(10));
          wishes.addBatch();
        }
        customer.setInt(1, c);
        customer.setString(2, REGIONS[random.nextInt(REGIONS.length)]);
        customer.setInt(3, 2000 + random.nextInt(25));
        customer.setString(4, total / count > BIG_SPENDER_AVERAGE ? "yes" : "no");
        customer.setString(5, 2 * electronics > chosen.size() ? "yes" : "no");
        customer.addBatch();
        if (c % 500 == 0) {
          customer.executeBatch();
          orders.executeBatch();
          wishes.executeBatch();
        }
      }
      customer.executeBatch();
      orders.executeBatch();
      wishes.executeBatch();
    }
  }

  /** A product: electronics with the given probability, else any other category. */
  private int pick(Random random, String[] category, double electronics) {
    boolean wantElectronics = random.nextDouble() < electronics;
    while (true) {
      int product = 1 + random.nextInt(products);
      if ("electronics".equals(category[product]) == wantElectronics) {
        return product;
      }
    }
  }
}
