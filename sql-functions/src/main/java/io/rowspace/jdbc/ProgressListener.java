package io.rowspace.jdbc;

import io.rowspace.sql.ddl.StatementProgress;

/**
 * Receives progress of long-running Rowspace statements (training a space or a predictor).
 *
 * <p>Register one on a statement with
 * {@code statement.unwrap(RowspaceStatement.class).setProgressListener(listener)}. Calls arrive on
 * the thread that executes the statement. It is the driver's public name for the statements' own
 * {@link StatementProgress}; its one method is {@link StatementProgress#progress}.
 */
@FunctionalInterface
public interface ProgressListener extends StatementProgress {
}
