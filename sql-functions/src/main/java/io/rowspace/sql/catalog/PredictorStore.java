package io.rowspace.sql.catalog;

import static io.rowspace.sql.catalog.CatalogValues.execute;
import static io.rowspace.sql.catalog.CatalogValues.fromJson;
import static io.rowspace.sql.catalog.CatalogValues.getDouble;
import static io.rowspace.sql.catalog.CatalogValues.setDouble;
import static io.rowspace.sql.catalog.CatalogValues.toJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The predictors of the catalog: a row of {@code ROWSPACE.PREDICTORS} with the predictor's rows
 * of {@code TRAINING_TIMELINE} and its model bytes. A predictor is READY, or STALE once the space
 * it was trained on has been replaced; it becomes visible in the transaction that stores its bytes
 * and their checksum.
 */
public final class PredictorStore {
  private final CatalogConnections connections;
  private final int keepVersions;

  PredictorStore(CatalogConnections connections, int keepVersions) {
    this.connections = connections;
    this.keepVersions = keepVersions;
  }

  /** The READY or STALE predictor of this name, if there is one. */
  public Optional<PredictorRecord> find(String name) throws SQLException {
    return connections.using(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT name, space, target, target_sql_type, task, metric, metric_value, auc, "
              + "accuracy, f1, log_loss, rmse, mae, r2, calibration_error, threshold, classes, "
              + "input_columns, training_rows, train_seconds, options, created_at, version, "
              + "checksum, status, statement_options FROM ROWSPACE.PREDICTORS WHERE name = ? "
              + "AND status IN ('READY', 'STALE')")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new PredictorRecord(rs.getString(1), rs.getString(2),
              rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              getDouble(rs, 7), getDouble(rs, 8), getDouble(rs, 9), getDouble(rs, 10),
              getDouble(rs, 11), getDouble(rs, 12), getDouble(rs, 13), getDouble(rs, 14),
              getDouble(rs, 15), getDouble(rs, 16), fromJson(rs.getString(17)),
              fromJson(rs.getString(18)), rs.getInt(19), rs.getDouble(20), rs.getString(21),
              rs.getTimestamp(22).toInstant(), rs.getInt(23), rs.getString(24),
              rs.getString(25), rs.getString(26)));
        }
      }
    });
  }

  /**
   * The stamp of the READY or STALE predictor of this name, with its space's, if there is one:
   * nine columns of two catalog rows in one query, read on every execution of a prepared query
   * that calls the predictor.
   */
  public Optional<PredictorStamp> stamp(String name) throws SQLException {
    return connections.prepared("SELECT p.version, p.checksum, p.status, p.created_at, "
        + "s.version, s.checksum, s.vectors_checksum, s.index_checksum, s.created_at "
        + "FROM ROWSPACE.PREDICTORS p LEFT JOIN ROWSPACE.EMBEDDING_SPACES s "
        + "ON s.name = p.space AND s.status = 'READY' "
        + "WHERE p.name = ? AND p.status IN ('READY', 'STALE')", ps -> {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(new PredictorStamp(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getTimestamp(4).toInstant(), SpaceStamp.read(rs, 5)));
          }
        });
  }

  /** The names of the READY and STALE predictors, in order. */
  public List<String> names() throws SQLException {
    return connections.strings("SELECT name FROM ROWSPACE.PREDICTORS "
        + "WHERE status IN ('READY', 'STALE') ORDER BY name");
  }

  /** The names of the predictors trained on a space, whatever their status, in order. */
  public List<String> ofSpace(String space) throws SQLException {
    return connections.using(connection -> ofSpace(connection, space));
  }

  /** Stores a trained predictor and makes it visible, replacing any of that name, atomically. */
  public void store(PredictorRecord predictor, List<TimelineRecord> timeline, byte[] model)
      throws SQLException {
    connections.inTransaction(connection -> {
      ModelVersions.retire(connection, ModelKind.PREDICTOR, predictor.name());
      deleteRows(connection, predictor.name());
      insertPredictor(connection, predictor);
      TimelineRows.insert(connection, predictor.name(), ModelKind.PREDICTOR, timeline);
      BlobStore.insert(connection, BlobKind.PREDICTOR, predictor.name(), predictor.version(),
          model);
      ModelVersions.recordCurrent(connection, ModelKind.PREDICTOR, predictor.name(),
          keepVersions);
    });
  }

  /** Drops a predictor with all its kept versions, atomically. */
  public void drop(String name) throws SQLException {
    connections.inTransaction(connection -> deleteAll(connection, name));
  }

  static List<String> ofSpace(Connection connection, String space) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT name FROM ROWSPACE.PREDICTORS WHERE space = ? ORDER BY name")) {
      ps.setString(1, space);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** Marks a space's READY predictors STALE on the caller's connection (its transaction). */
  static void markStale(Connection connection, String space) throws SQLException {
    execute(connection, "UPDATE ROWSPACE.PREDICTORS SET status = 'STALE' WHERE space = ? "
        + "AND status = 'READY'", space);
  }

  /** Deletes a predictor's current rows and every kept version on the caller's connection. */
  static void deleteAll(Connection connection, String name) throws SQLException {
    deleteRows(connection, name);
    ModelVersions.deleteAll(connection, ModelKind.PREDICTOR, name);
  }

  /** Deletes the current version's catalog rows; the weights of kept versions stay. */
  private static void deleteRows(Connection connection, String name) throws SQLException {
    execute(connection, "DELETE FROM ROWSPACE.PREDICTORS WHERE name = ?", name);
    TimelineRows.delete(connection, name, ModelKind.PREDICTOR);
    CheckpointStore.delete(connection, ModelKind.PREDICTOR.name(), name);
  }

  private static void insertPredictor(Connection connection, PredictorRecord predictor)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO ROWSPACE.PREDICTORS (name, space, target, task, status, metric, "
            + "metric_value, auc, accuracy, f1, log_loss, rmse, mae, r2, calibration_error, "
            + "threshold, train_seconds, created_at, version, target_sql_type, classes, "
            + "input_columns, training_rows, options, checksum, statement_options) VALUES "
            + "(?, ?, ?, ?, 'READY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?)")) {
      int i = 1;
      ps.setString(i++, predictor.name());
      ps.setString(i++, predictor.space());
      ps.setString(i++, predictor.target());
      ps.setString(i++, predictor.task());
      ps.setString(i++, predictor.metric());
      setDouble(ps, i++, predictor.metricValue());
      setDouble(ps, i++, predictor.auc());
      setDouble(ps, i++, predictor.accuracy());
      setDouble(ps, i++, predictor.f1());
      setDouble(ps, i++, predictor.logLoss());
      setDouble(ps, i++, predictor.rmse());
      setDouble(ps, i++, predictor.mae());
      setDouble(ps, i++, predictor.r2());
      setDouble(ps, i++, predictor.calibrationError());
      setDouble(ps, i++, predictor.threshold());
      ps.setDouble(i++, predictor.trainSeconds());
      ps.setTimestamp(i++, Timestamp.from(predictor.createdAt()));
      ps.setInt(i++, predictor.version());
      ps.setString(i++, predictor.targetSqlType());
      ps.setString(i++, toJson(predictor.classes()));
      ps.setString(i++, toJson(predictor.inputColumns()));
      ps.setInt(i++, predictor.trainingRows());
      ps.setString(i++, predictor.options());
      ps.setString(i++, predictor.checksum());
      ps.setString(i, predictor.statementOptions());
      ps.executeUpdate();
    }
  }
}
