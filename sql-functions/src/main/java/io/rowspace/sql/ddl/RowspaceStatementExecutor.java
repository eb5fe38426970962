package io.rowspace.sql.ddl;

import java.sql.SQLException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

/**
 * Executes a parsed Rowspace statement: checks that a statement changing the catalog may, then
 * runs the statement's command ({@link StatementCommands}), in the foreground or, when the
 * statement asks for {@code async = true}, as a background job ({@link BackgroundCommand}).
 */
public final class RowspaceStatementExecutor {
  private RowspaceStatementExecutor() {
  }

  public static StatementResult execute(SqlNode node, StatementContext context)
      throws SQLException {
    if (StatementCommands.changesCatalog(node)) {
      // Before training, which may take minutes, rather than at the catalog write that ends it.
      context.session().catalog().checkWritable(((SqlCall) node).getOperator().getName());
    }
    StatementCommand command = StatementCommands.command(node);
    return BackgroundCommand.requested(node, command).orElse(command).execute(context);
  }
}
