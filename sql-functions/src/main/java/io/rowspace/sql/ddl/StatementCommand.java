package io.rowspace.sql.ddl;

import java.sql.SQLException;

/**
 * One parsed Rowspace statement, ready to run: what {@link RowspaceStatementExecutor} executes
 * in the foreground and what a {@link BackgroundCommand} runs as a job. {@link StatementCommands}
 * says which command runs each statement.
 */
@FunctionalInterface
interface StatementCommand {

  /** Runs the statement with the session, connection, progress and warnings of the context. */
  StatementResult execute(StatementContext context) throws SQLException;
}
