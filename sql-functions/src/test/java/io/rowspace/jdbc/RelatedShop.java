package io.rowspace.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * Generated customers and their orders (declared foreign key): whether a customer churned
 * follows its loyalty alone (5 % of labels flipped); ages, regions, orders' amounts and
 * channels are noise. Tables and columns are created unquoted.
 */
final class RelatedShop {
  private RelatedShop() {
  }

  static void create(Connection connection, int customers, long seed) throws SQLException {
    create(connection, "", customers, seed);
  }

  /** The tables {@code <prefix>customers} and {@code <prefix>orders} with their rows. */
  static void create(Connection connection, String prefix, int customers, long seed)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + prefix + "customers (id INTEGER PRIMARY KEY, "
          + "region VARCHAR(10), age INTEGER, loyalty DOUBLE PRECISION, churned VARCHAR(3))");
      statement.execute("CREATE TABLE " + prefix + "orders (order_id INTEGER PRIMARY KEY, "
          + "customer_id INTEGER REFERENCES " + prefix + "customers(id), "
          + "amount DOUBLE PRECISION, channel VARCHAR(10))");
    }
    addCustomers(connection, prefix, 1, customers, seed);
  }

  /** Customers {@code from} to {@code to}, each with one to four orders. */
  static void addCustomers(Connection connection, int from, int to, long seed)
      throws SQLException {
    addCustomers(connection, "", from, to, seed);
  }

  static void addCustomers(Connection connection, String prefix, int from, int to, long seed)
      throws SQLException {
    Random random = new Random(seed);
    String[] regions = {"north", "south", "east"};
    String[] channels = {"web", "store", "phone"};
    try (PreparedStatement customer = connection.prepareStatement(
             "INSERT INTO " + prefix + "customers VALUES (?, ?, ?, ?, ?)");
         PreparedStatement order = connection.prepareStatement(
             "INSERT INTO " + prefix + "orders VALUES (?, ?, ?, ?)")) {
      for (int id = from; id <= to; id++) {
        double loyalty = random.nextGaussian();
        boolean churned = (loyalty < 0) != (random.nextDouble() < 0.05);
        customer.setInt(1, id);
        customer.setString(2, regions[random.nextInt(3)]);
        customer.setInt(3, 20 + random.nextInt(50));
        customer.setDouble(4, loyalty);
        customer.setString(5, churned ? "yes" : "no");
        customer.addBatch();
        int orders = 1 + random.nextInt(4);
        for (int o = 0; o < orders; o++) {
          order.setInt(1, id * 10 + o);
          order.setInt(2, id);
          order.setDouble(3, Math.round(Math.exp(3 + random.nextGaussian()) * 100) / 100.0);
          order.setString(4, channels[random.nextInt(3)]);
          order.addBatch();
        }
      }
      customer.executeBatch();
      order.executeBatch();
    }
  }
}
