package io.rowspace.sql.catalog;

import io.rowspace.sql.backing.BackingDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How every catalog store reaches the backing database: a read or a single auto-committed write
 * on a connection of its own ({@link #using}), or work that must be whole in one transaction
 * ({@link #inTransaction}). The stores never open a connection themselves.
 */
final class CatalogConnections {
  /** Work on one connection that returns a value. */
  @FunctionalInterface
  interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work on one prepared statement that returns a value. */
  @FunctionalInterface
  interface StatementWork<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  private final BackingDatabase database;

  CatalogConnections(BackingDatabase database) {
    this.database = database;
  }

  BackingDatabase database() {
    return database;
  }

  /** Runs {@code work} on a connection of its own, in the connection's auto-commit mode. */
  <T> T using(ConnectionWork<T> work) throws SQLException {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    }
  }

  /** Runs {@code work} on one statement prepared on a connection of its own (auto-commit). */
  <T> T prepared(String sql, StatementWork<T> work) throws SQLException {
    return using(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        return work.run(statement);
      }
    });
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  void inTransaction(CatalogWork work) throws SQLException {
    try (Connection connection = database.connection()) {
      CatalogWork.inTransaction(connection, work);
    }
  }

  /** The first column of a query's rows, as strings, the query's parameters set to {@code arguments}. */
  List<String> strings(String sql, String... arguments) throws SQLException {
    return using(connection -> {
      List<String> values = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        for (int i = 0; i < arguments.length; i++) {
          ps.setString(i + 1, arguments[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            values.add(rs.getString(1));
          }
        }
      }
      return values;
    });
  }
}
