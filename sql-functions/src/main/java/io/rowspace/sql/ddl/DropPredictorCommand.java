package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlDropPredictor;
import java.sql.SQLException;

/** Executes {@code DROP PREDICTOR [IF EXISTS] name}. */
final class DropPredictorCommand implements StatementCommand {
  private final SqlDropPredictor drop;

  DropPredictorCommand(SqlDropPredictor drop) {
    this.drop = drop;
  }

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    String name = ObjectNames.modelName(drop.name(), "a predictor");
    Catalog catalog = context.session().catalog();
    if (catalog.predictors().find(name).isEmpty()) {
      if (drop.ifExists()) {
        return StatementResult.count(0);
      }
      throw RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
    }
    catalog.predictors().drop(name);
    context.session().models().evictPredictor(name);
    return StatementResult.count(0);
  }
}
