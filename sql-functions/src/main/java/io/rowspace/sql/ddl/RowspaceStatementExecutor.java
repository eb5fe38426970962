package io.rowspace.sql.ddl;

import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlContinueTraining;
import io.rowspace.sql.parser.SqlCancelJob;
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
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

/** Executes a parsed Rowspace statement by handing it to the command for its kind. */
public final class RowspaceStatementExecutor {
  private RowspaceStatementExecutor() {
  }

  public static StatementResult execute(SqlNode node, StatementContext context)
      throws SQLException {
    if (changesCatalog(node)) {
      // Before training, which may take minutes, rather than at the catalog write that ends it.
      context.session().catalog().checkWritable(((SqlCall) node).getOperator().getName());
    }
    if (!context.inBackground() && BackgroundJobs.isAsync(node)) {
      return BackgroundJobs.start(node, context);
    }
    if (node instanceof SqlCreateEmbeddingSpace create) {
      return new CreateEmbeddingSpaceCommand(create, context).execute();
    }
    if (node instanceof SqlCreatePredictor create) {
      return new CreatePredictorCommand(create, context).execute();
    }
    if (node instanceof SqlDropEmbeddingSpace drop) {
      return DropCommands.dropSpace(drop, context);
    }
    if (node instanceof SqlDropPredictor drop) {
      return DropCommands.dropPredictor(drop, context);
    }
    if (node instanceof SqlShowEmbeddingSpaces) {
      return CatalogQueries.showSpaces(context);
    }
    if (node instanceof SqlShowPredictors) {
      return CatalogQueries.showPredictors(context);
    }
    if (node instanceof SqlDescribeEmbeddingSpace describe) {
      return CatalogQueries.describeSpace(
          ObjectNames.modelName(describe.name(), "an embedding space"), context);
    }
    if (node instanceof SqlDescribePredictor describe) {
      return CatalogQueries.describePredictor(
          ObjectNames.modelName(describe.name(), "a predictor"), context);
    }
    if (node instanceof SqlExplainEmbeddingSpace explain) {
      return ExplainSpaceCommand.execute(explain, context);
    }
    if (node instanceof SqlRefreshEmbeddingSpace refresh) {
      return RefreshSpaceCommand.execute(refresh, context);
    }
    if (node instanceof SqlCancelJob cancel) {
      return BackgroundJobs.cancel(cancel.jobId(), context);
    }
    // Versions and moving models between databases.
    if (node instanceof SqlRollbackModel rollback) {
      return RollbackCommand.execute(rollback, context);
    }
    if (node instanceof SqlExportModel export) {
      return new ExportCommand(export, context).execute();
    }
    if (node instanceof SqlImportModel importModel) {
      return new ImportCommand(importModel, context).execute();
    }
    if (node instanceof SqlContinueTraining add) {
      return ExtendSpaceCommand.execute(add, context);
    }
    // Evaluation (issue 19, part A)
    if (node instanceof SqlEvaluatePredictor evaluate) {
      return new EvaluatePredictorCommand(evaluate, context).execute();
    }
    throw RowspaceErrors.internal("No executor for statement " + node.getKind() + ": " + node,
        null);
  }

  private static boolean changesCatalog(SqlNode node) {
    return node instanceof SqlCreateEmbeddingSpace || node instanceof SqlCreatePredictor
        || node instanceof SqlDropEmbeddingSpace || node instanceof SqlDropPredictor
        || node instanceof SqlRefreshEmbeddingSpace
        || node instanceof SqlRollbackModel || node instanceof SqlImportModel
        || node instanceof SqlContinueTraining;
  }
}
