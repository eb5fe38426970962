package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The predictors of a space that {@code CREATE OR REPLACE EMBEDDING SPACE} just replaced with
 * other weights. They were trained on the space's former outputs, so the replacing transaction
 * marked them {@code STALE} (PREDICT then fails with 55000 naming the fix). With
 * {@code refit_predictors = true} each is re-fitted here on the new space, with the options its
 * statement wrote, and becomes READY again; otherwise a warning names them.
 */
final class SpaceDependents {
  private final StatementContext context;
  private final String space;
  private final List<String> predictors;

  SpaceDependents(StatementContext context, String space, List<String> predictors) {
    this.context = context;
    this.space = space;
    this.predictors = List.copyOf(predictors);
  }

  /** Re-fits the predictors, or warns that they are STALE. */
  void afterReplace(boolean refit) throws SQLException {
    if (predictors.isEmpty()) {
      return;
    }
    if (!refit) {
      context.warn((predictors.size() == 1 ? "Predictor " : "Predictors ")
          + String.join(", ", predictors) + " of embedding space '" + space + "' "
          + (predictors.size() == 1 ? "is" : "are") + " now STALE: trained on the space this "
          + "statement replaced, " + (predictors.size() == 1 ? "it" : "they") + " cannot "
          + "predict until re-trained with CREATE OR REPLACE PREDICTOR ... ON EMBEDDING SPACE "
          + space + " TARGET ..., or replace the space WITH (refit_predictors = true).");
      return;
    }
    Catalog catalog = context.session().catalog();
    List<String> stale = new ArrayList<>();
    for (String name : predictors) {
      Optional<PredictorRecord> predictor = catalog.predictors().find(name);
      Optional<SpaceRecord> current = catalog.spaces().find(space);
      if (predictor.isEmpty() || current.isEmpty()) {
        continue; // dropped meanwhile through another connection
      }
      if (context.isCancelled()) {
        stale.add(name);
        continue;
      }
      try {
        int rows = CreatePredictorCommand.refit(context, predictor.get(), current.get());
        context.warn("Predictor '" + name + "' re-fitted on the new space (" + rows
            + " rows).");
      } catch (SQLException e) {
        stale.add(name);
        context.warn("Predictor '" + name + "' could not be re-fitted on the new space and "
            + "stays STALE: [" + e.getSQLState() + "] " + e.getMessage());
      }
    }
    if (!stale.isEmpty()) {
      context.warn("STALE until re-trained with CREATE OR REPLACE PREDICTOR: "
          + String.join(", ", stale) + ".");
    }
  }
}
