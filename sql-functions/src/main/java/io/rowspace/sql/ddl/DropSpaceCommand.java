package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlDropEmbeddingSpace;
import java.sql.SQLException;
import java.util.List;

/**
 * Executes {@code DROP EMBEDDING SPACE [IF EXISTS] name [CASCADE]}: a space with predictors is
 * dropped only with CASCADE, which drops them too (named in a warning).
 */
final class DropSpaceCommand implements StatementCommand {
  private final SqlDropEmbeddingSpace drop;

  DropSpaceCommand(SqlDropEmbeddingSpace drop) {
    this.drop = drop;
  }

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    String name = ObjectNames.modelName(drop.name(), "an embedding space");
    Catalog catalog = context.session().catalog();
    if (catalog.spaces().find(name).isEmpty()) {
      if (drop.ifExists()) {
        return StatementResult.count(0);
      }
      throw RowspaceErrors.unknownSpace(name, catalog.spaces().names());
    }
    List<String> predictors = catalog.predictors().ofSpace(name);
    if (!predictors.isEmpty() && !drop.cascade()) {
      throw RowspaceErrors.spaceInUse(name, predictors);
    }
    catalog.spaces().drop(name, drop.cascade());
    context.session().models().evictSpace(name);
    predictors.forEach(context.session().models()::evictPredictor);
    if (!predictors.isEmpty()) {
      context.warn("Dropped predictors " + String.join(", ", predictors) + " with space '"
          + name + "'.");
    }
    return StatementResult.count(0);
  }
}
