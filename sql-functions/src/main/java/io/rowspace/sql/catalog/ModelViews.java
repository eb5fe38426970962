package io.rowspace.sql.catalog;

import io.rowspace.sql.backing.BackingDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Views whose query calls a model (SPEC section 3.4): their definitions in
 * {@code ROWSPACE.MODEL_VIEWS} (name, the query as its author wrote it, created_at), beside the
 * backing view of the same name that gives BI tools and {@code DROP VIEW} their columns. Rowspace
 * expands a query that names one into the definition, so it evaluates with the current models.
 *
 * <p>The names are read once per backing database and {@value #FRESH_MILLIS} ms (every statement
 * asks whether it names one), and again at once after a change through this JVM.
 */
public final class ModelViews {
  static final long FRESH_MILLIS = 2_000;
  private static final String TABLE = "ROWSPACE.MODEL_VIEWS";

  /** Definitions by backing URL, with the time they were read. */
  private static final Map<String, Read> READS = new ConcurrentHashMap<>();

  private record Read(long at, Map<String, String> definitions) {
  }

  private final BackingDatabase database;

  public ModelViews(BackingDatabase database) {
    this.database = database;
  }

  /** Definitions by view name (as the database folds it), read at most every few seconds. */
  public Map<String, String> definitions() throws SQLException {
    Read read = READS.get(database.jdbcUrl());
    long now = System.currentTimeMillis();
    if (read != null && now - read.at() < FRESH_MILLIS) {
      return read.definitions();
    }
    Map<String, String> definitions = new TreeMap<>();
    try (Connection connection = database.connection()) {
      if (exists(connection)) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                 "SELECT name, definition FROM " + TABLE)) {
          while (rows.next()) {
            definitions.put(rows.getString(1), rows.getString(2));
          }
        }
      }
    }
    READS.put(database.jdbcUrl(), new Read(now, Map.copyOf(definitions)));
    return Map.copyOf(definitions);
  }

  /** Stores (or replaces) a view's definition on {@code connection}, in its transaction. */
  public void store(Connection connection, String name, String definition) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS ROWSPACE");
      statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(512) PRIMARY "
          + "KEY, definition VARCHAR(1000000) NOT NULL, created_at TIMESTAMP)");
    }
    delete(connection, name);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
        + " (name, definition, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
      insert.setString(1, name);
      insert.setString(2, definition);
      insert.executeUpdate();
    }
    READS.remove(database.jdbcUrl());
  }

  /** Deletes a view's definition on {@code connection}, if there is one. */
  public void delete(Connection connection, String name) throws SQLException {
    if (!exists(connection)) {
      return;
    }
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM " + TABLE + " WHERE name = ?")) {
      delete.setString(1, name);
      delete.executeUpdate();
    }
    READS.remove(database.jdbcUrl());
  }

  private boolean exists(Connection connection) throws SQLException {
    String schema = database.fold("ROWSPACE");
    try (ResultSet tables = connection.getMetaData().getTables(null, schema,
        database.fold("MODEL_VIEWS"), null)) {
      return tables.next();
    }
  }
}
