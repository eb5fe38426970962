package io.rowspace.sql.catalog;

import static io.rowspace.sql.catalog.CatalogValues.clip;
import static io.rowspace.sql.catalog.CatalogValues.setDouble;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The rows of {@code ROWSPACE.TRAINING_TIMELINE}: one per epoch of a model's training, written
 * and deleted with the model's own row in its transaction (read by DESCRIBE through SQL).
 */
final class TimelineRows {
  private static final int TEXT_LENGTH = 1000;

  private TimelineRows() {
  }

  /** Stores a model's timeline on the caller's connection. */
  static void insert(Connection connection, String model, ModelKind kind,
      List<TimelineRecord> timeline) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO ROWSPACE.TRAINING_TIMELINE (model, model_kind, epoch, learning_rate, "
            + "train_loss, validation_loss, dropout, spread_loss, temperature, grad_norm, "
            + "clipped_grad_norm, failures, actions, reconstruction_loss, objective_weights, "
            + "mean_cosine, effective_rank) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TimelineRecord row : timeline) {
        ps.setString(1, model);
        ps.setString(2, kind.name());
        ps.setInt(3, row.epoch());
        setDouble(ps, 4, row.learningRate());
        setDouble(ps, 5, row.trainLoss());
        setDouble(ps, 6, row.validationLoss());
        setDouble(ps, 7, row.dropout());
        setDouble(ps, 8, row.spreadLoss());
        setDouble(ps, 9, row.temperature());
        setDouble(ps, 10, row.gradNorm());
        setDouble(ps, 11, row.clippedGradNorm());
        ps.setString(12, clip(row.failures(), TEXT_LENGTH));
        ps.setString(13, clip(row.actions(), TEXT_LENGTH));
        setDouble(ps, 14, row.reconstructionLoss());
        ps.setString(15, row.objectiveWeights() == null || row.objectiveWeights().isEmpty()
            ? null : row.objectiveWeights());
        setDouble(ps, 16, row.meanCosine());
        setDouble(ps, 17, row.effectiveRank());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes a model's timeline on the caller's connection. */
  static void delete(Connection connection, String model, ModelKind kind) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM ROWSPACE.TRAINING_TIMELINE WHERE model = ? AND model_kind = ?")) {
      ps.setString(1, model);
      ps.setString(2, kind.name());
      ps.executeUpdate();
    }
  }
}
