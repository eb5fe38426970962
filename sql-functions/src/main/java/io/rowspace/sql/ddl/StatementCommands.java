package io.rowspace.sql.ddl;

import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlCancelJob;
import io.rowspace.sql.parser.SqlContinueTraining;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.parser.SqlCreatePredictor;
import io.rowspace.sql.parser.SqlDescribeEmbeddingSpace;
import io.rowspace.sql.parser.SqlDescribePredictor;
import io.rowspace.sql.parser.SqlDropEmbeddingSpace;
import io.rowspace.sql.parser.SqlDropPredictor;
import io.rowspace.sql.parser.SqlEvaluatePredictor;
import io.rowspace.sql.parser.SqlExplainEmbeddingSpace;
import io.rowspace.sql.parser.SqlExportModel;
import io.rowspace.sql.parser.SqlImportModel;
import io.rowspace.sql.parser.SqlRefreshEmbeddingSpace;
import io.rowspace.sql.parser.SqlRollbackModel;
import io.rowspace.sql.parser.SqlShowEmbeddingSpaces;
import io.rowspace.sql.parser.SqlShowPredictors;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.sql.SqlNode;

/**
 * Which command runs each Rowspace statement, and whether the statement changes the catalog
 * (then a read-only catalog refuses it before any work starts). One entry per statement class of
 * {@code io.rowspace.sql.parser}; a statement without one is an internal error.
 */
final class StatementCommands {
  private static final Map<Class<? extends SqlNode>, Entry<?>> BY_STATEMENT = new HashMap<>();

  static {
    add(SqlCreateEmbeddingSpace.class, true,
        create -> context -> new CreateEmbeddingSpaceCommand(create, context).execute());
    add(SqlCreatePredictor.class, true,
        create -> context -> new CreatePredictorCommand(create, context).execute());
    add(SqlDropEmbeddingSpace.class, true, DropSpaceCommand::new);
    add(SqlDropPredictor.class, true, DropPredictorCommand::new);
    add(SqlShowEmbeddingSpaces.class, false, show -> new ShowSpacesCommand());
    add(SqlShowPredictors.class, false, show -> new ShowPredictorsCommand());
    add(SqlDescribeEmbeddingSpace.class, false, DescribeSpaceCommand::new);
    add(SqlDescribePredictor.class, false, DescribePredictorCommand::new);
    add(SqlExplainEmbeddingSpace.class, false,
        explain -> context -> ExplainSpaceCommand.execute(explain, context));
    add(SqlRefreshEmbeddingSpace.class, true,
        refresh -> context -> RefreshSpaceCommand.execute(refresh, context));
    add(SqlCancelJob.class, false, CancelJobCommand::new);
    add(SqlRollbackModel.class, true,
        rollback -> context -> RollbackCommand.execute(rollback, context));
    add(SqlExportModel.class, false,
        export -> context -> new ExportCommand(export, context).execute());
    add(SqlImportModel.class, true,
        importModel -> context -> new ImportCommand(importModel, context).execute());
    add(SqlContinueTraining.class, true,
        extend -> context -> ExtendSpaceCommand.execute(extend, context));
    add(SqlEvaluatePredictor.class, false,
        evaluate -> context -> new EvaluatePredictorCommand(evaluate, context).execute());
  }

  private StatementCommands() {
  }

  private static <T extends SqlNode> void add(Class<T> statement, boolean changesCatalog,
      Function<T, StatementCommand> command) {
    BY_STATEMENT.put(statement, new Entry<>(statement, changesCatalog, command));
  }

  /** The command that runs a statement. */
  static StatementCommand command(SqlNode statement) throws SQLException {
    return entry(statement).command(statement);
  }

  /** Whether a statement creates, replaces or drops catalog objects. */
  static boolean changesCatalog(SqlNode statement) throws SQLException {
    return entry(statement).changesCatalog();
  }

  private static Entry<?> entry(SqlNode statement) throws SQLException {
    Entry<?> entry = BY_STATEMENT.get(statement.getClass());
    if (entry == null) {
      throw RowspaceErrors.internal("No command for statement " + statement.getKind() + ": "
          + statement, null);
    }
    return entry;
  }

  private record Entry<T extends SqlNode>(Class<T> statement, boolean changesCatalog,
      Function<T, StatementCommand> factory) {
    StatementCommand command(SqlNode node) {
      return factory.apply(statement.cast(node));
    }
  }
}
