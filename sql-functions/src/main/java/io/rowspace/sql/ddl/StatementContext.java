package io.rowspace.sql.ddl;

import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a Rowspace statement executes with: the session, the user's connection to the backing
 * database (result sets are read through it), progress reporting, cancellation and the warnings
 * the statement gives back.
 */
public final class StatementContext {
  private final RowspaceSession session;
  private final Connection connection;
  private final StatementProgress progress;
  private final BooleanSupplier cancelled;
  private final List<String> warnings = new ArrayList<>();

  public StatementContext(RowspaceSession session, Connection connection,
      StatementProgress progress, BooleanSupplier cancelled) {
    this.session = session;
    this.connection = connection;
    this.progress = progress;
    this.cancelled = cancelled;
  }

  public RowspaceSession session() {
    return session;
  }

  public Connection connection() {
    return connection;
  }

  public StatementProgress progress() {
    return progress;
  }

  public boolean isCancelled() {
    return cancelled.getAsBoolean();
  }

  public BooleanSupplier cancelled() {
    return cancelled;
  }

  public void warn(String message) {
    warnings.add(message);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
