package io.rowspace.sql.function;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A query rewritten for Calcite, and the prefetches that evaluate its model calls in batches. */
public record RewrittenQuery(String sql, List<Prefetch> prefetches) {

  /** Evaluates the model calls of the query in batches; run just before the query itself. */
  public void prefetch(Connection calcite, BooleanSupplier cancelled) throws SQLException {
    for (Prefetch prefetch : prefetches) {
      prefetch.run(calcite, cancelled);
    }
  }
}
