package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlDropEmbeddingSpace;
import io.rowspace.sql.parser.SqlDropPredictor;
import java.sql.SQLException;
import java.util.List;

/** Executes {@code DROP EMBEDDING SPACE} and {@code DROP PREDICTOR}. */
final class DropCommands {
  private DropCommands() {
  }

  static StatementResult dropSpace(SqlDropEmbeddingSpace drop, StatementContext context)
      throws SQLException {
    String name = ObjectNames.modelName(drop.name(), "an embedding space");
    Catalog catalog = context.session().catalog();
    if (catalog.findSpace(name).isEmpty()) {
      if (drop.ifExists()) {
        return StatementResult.count(0);
      }
      throw RowspaceErrors.unknownSpace(name, catalog.spaceNames());
    }
    List<String> predictors = catalog.predictorsOfSpace(name);
    if (!predictors.isEmpty() && !drop.cascade()) {
      throw RowspaceErrors.spaceInUse(name, predictors);
    }
    catalog.dropSpace(name, drop.cascade());
    context.session().models().evictSpace(name);
    predictors.forEach(context.session().models()::evictPredictor);
    if (!predictors.isEmpty()) {
      context.warn("Dropped predictors " + String.join(", ", predictors) + " with space '"
          + name + "'.");
    }
    return StatementResult.count(0);
  }

  static StatementResult dropPredictor(SqlDropPredictor drop, StatementContext context)
      throws SQLException {
    String name = ObjectNames.modelName(drop.name(), "a predictor");
    Catalog catalog = context.session().catalog();
    if (catalog.findPredictor(name).isEmpty()) {
      if (drop.ifExists()) {
        return StatementResult.count(0);
      }
      throw RowspaceErrors.unknownPredictor(name, catalog.predictorNames());
    }
    catalog.dropPredictor(name);
    context.session().models().evictPredictor(name);
    return StatementResult.count(0);
  }
}
