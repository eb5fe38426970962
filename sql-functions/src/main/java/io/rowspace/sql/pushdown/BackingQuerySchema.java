package io.rowspace.sql.pushdown;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The schema of a Calcite connection that holds the {@link BackingQueryTable}s of its statements.
 * A split query names its table here; the table stays while a prepared statement may still run
 * it (the most recent {@value #KEPT} queries; an identical query reuses its table).
 */
public final class BackingQuerySchema extends AbstractSchema {
  /** The schema's name in the Calcite connection. */
  public static final String NAME = "ROWSPACE$BACKING";
  static final int KEPT = 4096;

  private final DataSource backing;
  private final RunningQueries running = new RunningQueries();
  private final Map<String, BackingQueryTable> tables =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override protected boolean removeEldestEntry(Map.Entry<String, BackingQueryTable> e) {
          if (size() <= KEPT) {
            return false;
          }
          names.remove(e.getValue().query());
          return true;
        }
      };
  private final Map<BackingQuery, String> names = new LinkedHashMap<>();
  private long counter;

  /** @param backing the Rowspace connection's own backing connection, lent */
  public BackingQuerySchema(DataSource backing) {
    this.backing = backing;
  }

  /** Registers a query and returns the name of its table in this schema. */
  public synchronized String register(BackingQuery query) {
    String name = names.get(query);
    if (name != null && tables.get(name) != null) {
      return name;
    }
    name = "Q" + ++counter;
    names.put(query, name);
    tables.put(name, new BackingQueryTable(query, backing, running));
    return name;
  }

  /**
   * The backing column a result column of this schema's table {@code table} named {@code column}
   * comes from, as Calcite's column origins name it; null if there is no such table or column.
   */
  public synchronized ColumnOrigin origin(String table, String column) {
    BackingQueryTable found = tables.get(table);
    return found == null ? null : found.column(column);
  }

  /**
   * A prepared statement's result passes column {@code column} of this schema's table
   * {@code table} through: its scans keep the database's own values of it from now on.
   */
  public synchronized void passThrough(String table, String column) {
    BackingQueryTable found = tables.get(table);
    if (found != null) {
      found.passThrough(column);
    }
  }

  public RunningQueries running() {
    return running;
  }

  @Override protected synchronized Map<String, Table> getTableMap() {
    return Map.copyOf(tables);
  }

  @Override public boolean isMutable() {
    return true;
  }
}
