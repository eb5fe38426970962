package io.rowspace.sql.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection of the catalog inside one transaction. */
@FunctionalInterface
public interface CatalogWork {
  void run(Connection connection) throws SQLException;

  /**
   * Runs {@code work} on {@code connection} in one transaction: all of it is committed, or none
   * (rolled back on any failure); the connection's auto-commit mode is restored after.
   */
  static void inTransaction(Connection connection, CatalogWork work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      work.run(connection);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
