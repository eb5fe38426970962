package io.rowspace.sql.function;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Batched evaluation of the model calls of one SELECT (SPEC section 4: queries over many rows
 * evaluate in batches). Before the query runs, a pre-query reads the distinct packed inputs of
 * the rows the SELECT will see; the models evaluate them a batch at a time, and the per-row
 * functions then find their results computed.
 *
 * <p>A prefetch is an optimisation only: if its pre-query cannot run (a correlated FROM, say),
 * or after {@link #MAX_ROWS} rows, the remaining rows are evaluated one at a time, with the same
 * results.
 */
final class Prefetch {
  /** Rows per model call. */
  static final int BATCH_ROWS = 1024;
  /** Distinct rows prefetched at most per query; results are held in memory meanwhile. */
  static final int MAX_ROWS = 500_000;

  private final String sql;
  private final List<BatchTarget> targets;

  Prefetch(String sql, List<BatchTarget> targets) {
    this.sql = sql;
    this.targets = List.copyOf(targets);
  }

  String sql() {
    return sql;
  }

  /** Runs the pre-query on Calcite and evaluates its rows in batches. */
  void run(Connection calcite, BooleanSupplier cancelled) throws SQLException {
    List<List<String>> pending = new ArrayList<>();
    List<Set<String>> seen = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      pending.add(new ArrayList<>());
      seen.add(new HashSet<>());
    }
    PreparedStatement statement;
    try {
      statement = calcite.prepareStatement(sql);
    } catch (SQLException | RuntimeException e) {
      return; // not runnable on its own: the rows are evaluated one at a time instead
    }
    try (statement) {
      ResultSet rows;
      try {
        rows = statement.executeQuery();
      } catch (SQLException | RuntimeException e) {
        return; // e.g. a parameter of the FROM clause: evaluated one row at a time instead
      }
      read(rows, pending, seen, cancelled);
    }
    for (int i = 0; i < targets.size(); i++) {
      if (!pending.get(i).isEmpty()) {
        targets.get(i).evaluate(pending.get(i));
      }
    }
  }

  private void read(ResultSet rows, List<List<String>> pending, List<Set<String>> seen,
      BooleanSupplier cancelled) throws SQLException {
    try (rows) {
      int read = 0;
      while (read < MAX_ROWS && !cancelled.getAsBoolean() && rows.next()) {
        read++;
        for (int i = 0; i < targets.size(); i++) {
          String values = rows.getString(i + 1);
          BatchTarget target = targets.get(i);
          if (values != null && !target.isKnown(values) && seen.get(i).add(values)) {
            pending.get(i).add(values);
            if (pending.get(i).size() == BATCH_ROWS) {
              target.evaluate(pending.get(i));
              pending.get(i).clear();
            }
          }
        }
      }
    }
  }
}
