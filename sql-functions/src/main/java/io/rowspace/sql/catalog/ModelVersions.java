package io.rowspace.sql.catalog;

import io.rowspace.error.ErrorCode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kept versions of spaces and predictors ({@code ROWSPACE.MODEL_VERSIONS}). The current
 * version of a model lives in the catalog tables as always; when a version stops being current
 * (CREATE OR REPLACE, a rollback) its catalog rows are kept as one {@link ModelRows} blob, and its
 * weights stay in {@code MODEL_BLOBS} under its version number. At most {@code keep} versions
 * (the current one among them) are kept; older ones are deleted in the transaction that stores
 * the new one. Every method here runs inside the caller's transaction.
 *
 * <p>A predictor is trained on one version of its space and records that version's checksum
 * ({@code PREDICTORS.space_checksum}): it is READY while its space's current version has that
 * checksum and STALE otherwise, so rolling a space back to the version a predictor was trained on
 * makes it predict again, bit for bit as before.
 */
public final class ModelVersions {
  /** Versions kept per model unless {@code rowspace.keepVersions} says otherwise. */
  public static final int DEFAULT_KEEP = 3;

  /** Created or added on first connection, after the catalog tables. */
  static final String[] DDL = {
      "CREATE TABLE IF NOT EXISTS ROWSPACE.MODEL_VERSIONS (kind VARCHAR(32) NOT NULL, "
          + "name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, is_current BOOLEAN NOT NULL, "
          + "created_at TIMESTAMP, space VARCHAR(256), space_version INTEGER, "
          + "training_rows INTEGER, metric VARCHAR(32), metric_value DOUBLE PRECISION, "
          + "checksum VARCHAR(64), PRIMARY KEY (kind, name, version))",
      "ALTER TABLE ROWSPACE.PREDICTORS ADD COLUMN IF NOT EXISTS space_checksum VARCHAR(64)",
      // Predictors stored before versions were kept: trained on their space as it is now.
      "UPDATE ROWSPACE.PREDICTORS p SET space_checksum = (SELECT s.checksum FROM "
          + "ROWSPACE.EMBEDDING_SPACES s WHERE s.name = p.space) WHERE p.space_checksum IS NULL "
          + "AND p.status = 'READY'"
  };

  private ModelVersions() {
  }

  /** The number the next version of a model gets: above every kept and the current one. */
  public static int nextVersion(Connection connection, ModelKind kind, String name)
      throws SQLException {
    int max = 0;
    try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(version) FROM "
        + "ROWSPACE.MODEL_VERSIONS WHERE kind = ? AND name = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          max = rs.getInt(1);
        }
      }
    }
    return Math.max(max, currentVersion(connection, kind, name).orElse(0)) + 1;
  }

  /** The version in the catalog tables (the current one), if the model exists. */
  static Optional<Integer> currentVersion(Connection connection, ModelKind kind, String name)
      throws SQLException {
    ModelKind.Table own = kind.tables().get(0);
    try (PreparedStatement ps = connection.prepareStatement("SELECT version FROM ROWSPACE."
        + own.name() + " WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
      }
    }
  }

  /**
   * Keeps the current version of a model (if any) as a former one: its catalog rows go into a
   * blob, its weights stay. Called before its catalog rows are deleted or replaced.
   */
  static void retire(Connection connection, ModelKind kind, String name) throws SQLException {
    Optional<Integer> current = currentVersion(connection, kind, name);
    if (current.isEmpty()) {
      return;
    }
    int version = current.get();
    if (!exists(connection, kind, name, version)) {
      // Stored before versions were kept.
      insertVersion(connection, kind, name);
    }
    BlobStore.delete(connection, name, version, kind.catalogRows());
    BlobStore.insert(connection, kind.catalogRows(), name, version,
        ModelRows.read(connection, kind, name).toBytes());
    try (PreparedStatement ps = connection.prepareStatement("UPDATE ROWSPACE.MODEL_VERSIONS "
        + "SET is_current = FALSE WHERE kind = ? AND name = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  /**
   * Records the model's catalog rows just stored as its current version and deletes the versions
   * beyond the {@code keep} newest.
   */
  static void recordCurrent(Connection connection, ModelKind kind, String name, int keep)
      throws SQLException {
    if (kind == ModelKind.PREDICTOR) {
      try (PreparedStatement ps = connection.prepareStatement("UPDATE ROWSPACE.PREDICTORS p "
          + "SET space_checksum = (SELECT s.checksum FROM ROWSPACE.EMBEDDING_SPACES s "
          + "WHERE s.name = p.space) WHERE p.name = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
    }
    int version = currentVersion(connection, kind, name).orElseThrow();
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM "
        + "ROWSPACE.MODEL_VERSIONS WHERE kind = ? AND name = ? AND version = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.setInt(3, version);
      ps.executeUpdate();
    }
    insertVersion(connection, kind, name);
    prune(connection, kind, name, keep);
  }

  /**
   * Makes a kept version current: the current one is kept as a former version, its catalog rows
   * are replaced by those of {@code version}, and the predictors concerned are READY or STALE by
   * whether their space's current version is the one they were trained on.
   */
  static void makeCurrent(Connection connection, ModelKind kind, String name, int version)
      throws SQLException {
    byte[] bytes = BlobStore.read(connection, kind.catalogRows(), name, version);
    ModelRows rows;
    try {
      rows = ModelRows.fromBytes(bytes);
    } catch (IOException e) {
      throw ErrorCode.DAMAGED_VERSION_ROWS.exception(e, version, kind.label(), name);
    }
    retire(connection, kind, name);
    ModelRows.delete(connection, kind, name);
    rows.insert(connection, kind, name, Map.of());
    try (PreparedStatement ps = connection.prepareStatement("UPDATE ROWSPACE.MODEL_VERSIONS "
        + "SET is_current = (version = ?) WHERE kind = ? AND name = ?")) {
      ps.setInt(1, version);
      ps.setString(2, kind.name());
      ps.setString(3, name);
      ps.executeUpdate();
    }
    refreshPredictorStatus(connection, kind, name);
  }

  /**
   * Sets the predictors of a space (or one predictor) READY where the space's current version
   * is the one they were trained on, STALE elsewhere.
   */
  static void refreshPredictorStatus(Connection connection, ModelKind kind, String name)
      throws SQLException {
    String status = "CASE WHEN p.space_checksum = (SELECT s.checksum FROM "
        + "ROWSPACE.EMBEDDING_SPACES s WHERE s.name = p.space) THEN 'READY' ELSE 'STALE' END";
    try (PreparedStatement ps = connection.prepareStatement("UPDATE ROWSPACE.PREDICTORS p "
        + "SET status = " + status + " WHERE p." + (kind == ModelKind.SPACE ? "space" : "name")
        + " = ? AND p.status IN ('READY', 'STALE')")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }

  /** Deletes every kept version of a model: its kept catalog rows, weights and version rows. */
  static void deleteAll(Connection connection, ModelKind kind, String name) throws SQLException {
    List<BlobKind> blobs = new ArrayList<>(kind.blobs());
    blobs.add(kind.catalogRows());
    for (BlobKind blob : blobs) {
      try (PreparedStatement ps = connection.prepareStatement(
          "DELETE FROM ROWSPACE.MODEL_BLOBS WHERE kind = ? AND name = ?")) {
        ps.setString(1, blob.name());
        ps.setString(2, name);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM ROWSPACE.MODEL_VERSIONS WHERE kind = ? AND name = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  /** The kept versions of a model, oldest first. */
  static List<ModelVersion> list(Connection connection, ModelKind kind, String name)
      throws SQLException {
    List<ModelVersion> versions = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT version, is_current, "
        + "created_at, space, space_version, training_rows, metric, metric_value, checksum "
        + "FROM ROWSPACE.MODEL_VERSIONS WHERE kind = ? AND name = ? ORDER BY version")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp created = rs.getTimestamp(3);
          int spaceVersion = rs.getInt(5);
          Integer spaceVersionOrNull = rs.wasNull() ? null : spaceVersion;
          double metricValue = rs.getDouble(8);
          versions.add(new ModelVersion(kind, name, rs.getInt(1), rs.getBoolean(2),
              created == null ? null : created.toInstant(), rs.getString(4),
              spaceVersionOrNull, rs.getInt(6), rs.getString(7),
              rs.wasNull() ? Double.NaN : metricValue, rs.getString(9)));
        }
      }
    }
    return versions;
  }

  private static boolean exists(Connection connection, ModelKind kind, String name, int version)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM "
        + "ROWSPACE.MODEL_VERSIONS WHERE kind = ? AND name = ? AND version = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.setInt(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Inserts the version row of the model's current catalog rows, as current (one statement). */
  private static void insertVersion(Connection connection, ModelKind kind, String name)
      throws SQLException {
    String select = kind == ModelKind.SPACE
        ? "SELECT ?, name, version, TRUE, created_at, CAST(NULL AS VARCHAR(256)), "
            + "CAST(NULL AS INTEGER), rows_trained, 'validation_loss', final_validation_loss, "
            + "checksum FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ?"
        : "SELECT ?, p.name, p.version, TRUE, p.created_at, p.space, (SELECT s.version FROM "
            + "ROWSPACE.EMBEDDING_SPACES s WHERE s.name = p.space AND s.checksum = "
            + "p.space_checksum), p.training_rows, p.metric, p.metric_value, p.checksum "
            + "FROM ROWSPACE.PREDICTORS p WHERE p.name = ?";
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO "
        + "ROWSPACE.MODEL_VERSIONS (kind, name, version, is_current, created_at, space, "
        + "space_version, training_rows, metric, metric_value, checksum) " + select)) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  /** Deletes the former versions beyond the {@code keep} newest (the current one counts). */
  private static void prune(Connection connection, ModelKind kind, String name, int keep)
      throws SQLException {
    List<ModelVersion> versions = list(connection, kind, name);
    int formerKept = Math.max(0, keep - 1);
    List<ModelVersion> former = versions.stream().filter(v -> !v.current()).toList();
    for (int i = 0; i < former.size() - formerKept; i++) {
      int version = former.get(i).version();
      List<BlobKind> blobs = new ArrayList<>(kind.blobs());
      blobs.add(kind.catalogRows());
      BlobStore.delete(connection, name, version, blobs.toArray(BlobKind[]::new));
      try (PreparedStatement ps = connection.prepareStatement("DELETE FROM "
          + "ROWSPACE.MODEL_VERSIONS WHERE kind = ? AND name = ? AND version = ?")) {
        ps.setString(1, kind.name());
        ps.setString(2, name);
        ps.setInt(3, version);
        ps.executeUpdate();
      }
    }
  }
}
