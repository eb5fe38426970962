package io.rowspace.sql.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowspace.sql.backing.BackingDatabase;
import io.rowspace.sql.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Rowspace catalog: schema {@code ROWSPACE} in the backing database (SPEC section 7), holding
 * spaces, predictors, their columns, training timelines and model weights.
 *
 * <p>A model becomes visible in the same transaction that stores its weights and their checksum,
 * so a failed or interrupted CREATE leaves nothing behind.
 */
public final class Catalog {
  /** Weights are stored in chunks small enough for every backing database's binary type. */
  private static final int CHUNK_BYTES = 512 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Kinds of stored binary content: a space's model, its embedded rows, the search index over
   * them (spaces above their {@code exact_search_rows} only) and a predictor's model; and the
   * catalog rows of a former version of a space or predictor ({@link ModelVersions}).
   */
  public enum BlobKind {
    SPACE, SPACE_VECTORS, SPACE_INDEX, PREDICTOR, SPACE_CATALOG, PREDICTOR_CATALOG
  }

  private final BackingDatabase database;
  /** Versions kept per model, the current one among them ({@link ModelVersions}). */
  private final int keepVersions;
  private final JobStore jobs;
  private final CheckpointStore checkpoints;

  public Catalog(BackingDatabase database) throws SQLException {
    this(database, ModelVersions.DEFAULT_KEEP);
  }

  public Catalog(BackingDatabase database, int keepVersions) throws SQLException {
    this.database = database;
    this.keepVersions = keepVersions;
    this.jobs = new JobStore(database);
    this.checkpoints = new CheckpointStore(database);
    CatalogSchema.ensureCurrent(database);
  }

  public BackingDatabase database() {
    return database;
  }

  /** The background jobs of {@code ROWSPACE.JOBS}. */
  public JobStore jobs() {
    return jobs;
  }

  /** The training checkpoints that let an interrupted statement resume. */
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  /**
   * Checks that this connection's database account may change the catalog, before work that
   * ends by changing it.
   *
   * @param what the statement, e.g. "CREATE EMBEDDING SPACE S"
   * @throws SQLException (42501) if the database refuses the account
   */
  public void checkWritable(String what) throws SQLException {
    try (Connection connection = database.connection();
         Statement statement = connection.createStatement()) {
      try {
        statement.executeUpdate("INSERT INTO ROWSPACE.EMBEDDING_SPACES "
            + "SELECT * FROM ROWSPACE.EMBEDDING_SPACES WHERE 1 = 0");
        statement.executeUpdate("DELETE FROM ROWSPACE.MODEL_BLOBS WHERE 1 = 0");
      } catch (SQLException e) {
        if (!CatalogSchema.lacksPrivilege(e)) {
          throw e;
        }
        throw ErrorCode.CATALOG_NOT_WRITABLE.exception(e, what,
            connection.getMetaData().getUserName());
      }
    }
  }

  // ---------------------------------------------------------------- spaces

  public Optional<SpaceRecord> findSpace(String name) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement ps = connection.prepareStatement(
             "SELECT name, root_schema, root_table, tables, key_columns, rows_trained, "
                 + "columns_used, d_model, epochs, train_seconds, final_validation_loss, device, "
                 + "seed, options, created_at, version, checksum, vectors_checksum, index_checksum "
                 + "FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ? AND status = 'READY'")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new SpaceRecord(rs.getString(1), rs.getString(2), rs.getString(3),
            fromJson(rs.getString(4)), fromJson(rs.getString(5)), rs.getInt(6), rs.getInt(7),
            rs.getInt(8), rs.getInt(9), rs.getDouble(10), rs.getDouble(11), rs.getString(12),
            rs.getLong(13), rs.getString(14), rs.getTimestamp(15).toInstant(), rs.getInt(16),
            rs.getString(17), rs.getString(18), rs.getString(19)));
      }
    }
  }

  public List<String> spaceNames() throws SQLException {
    return names("SELECT name FROM ROWSPACE.EMBEDDING_SPACES WHERE status = 'READY'");
  }

  public List<String> predictorsOfSpace(String space) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = database.connection();
         PreparedStatement ps = connection.prepareStatement(
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

  /**
   * Stores a trained space and makes it visible, replacing any space of that name, in one
   * transaction.
   *
   * @param index the search index over the vectors, or null when they are searched exactly
   */
  public void storeSpace(SpaceRecord space, List<ColumnRecord> columns,
      List<RelationshipRecord> relationships, List<TimelineRecord> timeline, byte[] model,
      byte[] vectors, byte[] index) throws SQLException {
    storeSpace(space, columns, relationships, timeline, model, vectors, index, false);
  }

  /**
   * Stores a trained space as {@link #storeSpace(SpaceRecord, List, List, List, byte[], byte[],
   * byte[])} does and, when {@code predictorsStale}, marks its READY predictors STALE in the same
   * transaction: they were trained on the space it replaces.
   */
  public void storeSpace(SpaceRecord space, List<ColumnRecord> columns,
      List<RelationshipRecord> relationships, List<TimelineRecord> timeline, byte[] model,
      byte[] vectors, byte[] index, boolean predictorsStale) throws SQLException {
    inTransaction(connection -> {
      ModelVersions.retire(connection, ModelKind.SPACE, space.name());
      deleteSpaceRows(connection, space.name());
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO ROWSPACE.EMBEDDING_SPACES (name, root_table, tables, status, "
              + "rows_trained, columns_used, d_model, epochs, train_seconds, "
              + "final_validation_loss, device, seed, created_at, version, root_schema, "
              + "key_columns, options, checksum, vectors_checksum, index_checksum) "
              + "VALUES (?, ?, ?, 'READY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, space.name());
        ps.setString(2, space.rootTable());
        ps.setString(3, toJson(space.tables()));
        ps.setInt(4, space.rowsTrained());
        ps.setInt(5, space.columnsUsed());
        ps.setInt(6, space.dModel());
        ps.setInt(7, space.epochs());
        ps.setDouble(8, space.trainSeconds());
        setDouble(ps, 9, space.finalValidationLoss());
        ps.setString(10, space.device());
        ps.setLong(11, space.seed());
        ps.setTimestamp(12, Timestamp.from(space.createdAt()));
        ps.setInt(13, space.version());
        ps.setString(14, space.rootSchema());
        ps.setString(15, toJson(space.keyColumns()));
        ps.setString(16, space.options());
        ps.setString(17, space.checksum());
        ps.setString(18, checksum(vectors));
        ps.setString(19, index == null ? null : checksum(index));
        ps.executeUpdate();
      }
      insertColumns(connection, space.name(), columns);
      insertRelationships(connection, space.name(), relationships);
      insertTimeline(connection, space.name(), "SPACE", timeline);
      insertBlob(connection, BlobKind.SPACE, space.name(), space.version(), model);
      insertBlob(connection, BlobKind.SPACE_VECTORS, space.name(), space.version(), vectors);
      if (index != null) {
        insertBlob(connection, BlobKind.SPACE_INDEX, space.name(), space.version(), index);
      }
      if (predictorsStale) {
        execute(connection, "UPDATE ROWSPACE.PREDICTORS SET status = 'STALE' WHERE space = ? "
            + "AND status = 'READY'", space.name());
      }
      ModelVersions.recordCurrent(connection, ModelKind.SPACE, space.name(), keepVersions);
    });
  }

  private static void insertRelationships(Connection connection, String space,
      List<RelationshipRecord> relationships) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO ROWSPACE.RELATIONSHIPS "
        + "(space, parent_table, child_table, kind, join_columns, coverage, mean_fanout, "
        + "max_fanout, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (RelationshipRecord r : relationships) {
        ps.setString(1, space);
        ps.setString(2, r.parentTable());
        ps.setString(3, r.childTable());
        ps.setString(4, r.kind());
        ps.setString(5, truncate(r.joinColumns(), 1000));
        setDouble(ps, 6, r.coverage());
        setDouble(ps, 7, r.meanFanout());
        ps.setInt(8, (int) Math.min(Integer.MAX_VALUE, r.maxFanout()));
        ps.setString(9, truncate(r.warnings(), 4000));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }

  /**
   * Replaces the stored row vectors of a space and their search index (REFRESH), atomically.
   *
   * @param index the new search index, or null when the rows are now searched exactly
   */
  public void replaceVectors(SpaceRecord space, byte[] vectors, byte[] index)
      throws SQLException {
    inTransaction(connection -> {
      // Kept former versions keep their own rows.
      try (PreparedStatement ps = connection.prepareStatement("DELETE FROM "
          + "ROWSPACE.MODEL_BLOBS WHERE name = ? AND version = ? AND kind IN ('"
          + BlobKind.SPACE_VECTORS + "', '" + BlobKind.SPACE_INDEX + "')")) {
        ps.setString(1, space.name());
        ps.setInt(2, space.version());
        ps.executeUpdate();
      }
      insertBlob(connection, BlobKind.SPACE_VECTORS, space.name(), space.version(), vectors);
      if (index != null) {
        insertBlob(connection, BlobKind.SPACE_INDEX, space.name(), space.version(), index);
      }
      try (PreparedStatement ps = connection.prepareStatement("UPDATE ROWSPACE.EMBEDDING_SPACES "
          + "SET vectors_checksum = ?, index_checksum = ? WHERE name = ?")) {
        ps.setString(1, checksum(vectors));
        ps.setString(2, index == null ? null : checksum(index));
        ps.setString(3, space.name());
        ps.executeUpdate();
      }
    });
  }

  /** Drops a space and, when {@code cascade}, its predictors, atomically. */
  public void dropSpace(String name, boolean cascade) throws SQLException {
    inTransaction(connection -> {
      if (cascade) {
        for (String predictor : predictorsOfSpace(name)) {
          deletePredictorRows(connection, predictor);
          ModelVersions.deleteAll(connection, ModelKind.PREDICTOR, predictor);
        }
      }
      deleteSpaceRows(connection, name);
      ModelVersions.deleteAll(connection, ModelKind.SPACE, name);
    });
  }

  /** Deletes the current version's catalog rows; the weights of kept versions stay. */
  private void deleteSpaceRows(Connection connection, String name) throws SQLException {
    execute(connection, "DELETE FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ?", name);
    execute(connection, "DELETE FROM ROWSPACE.SPACE_COLUMNS WHERE space = ?", name);
    execute(connection, "DELETE FROM ROWSPACE.RELATIONSHIPS WHERE space = ?", name);
    execute(connection,
        "DELETE FROM ROWSPACE.TRAINING_TIMELINE WHERE model = ? AND model_kind = 'SPACE'", name);
    CheckpointStore.delete(connection, "SPACE", name);
  }

  // ---------------------------------------------------------------- predictors

  public Optional<PredictorRecord> findPredictor(String name) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement ps = connection.prepareStatement(
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
  }

  public List<String> predictorNames() throws SQLException {
    return names("SELECT name FROM ROWSPACE.PREDICTORS WHERE status IN ('READY', 'STALE')");
  }

  /** Stores a trained predictor and makes it visible, replacing any of that name, atomically. */
  public void storePredictor(PredictorRecord predictor, List<TimelineRecord> timeline,
      byte[] model) throws SQLException {
    inTransaction(connection -> {
      ModelVersions.retire(connection, ModelKind.PREDICTOR, predictor.name());
      deletePredictorRows(connection, predictor.name());
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
      insertTimeline(connection, predictor.name(), "PREDICTOR", timeline);
      insertBlob(connection, BlobKind.PREDICTOR, predictor.name(), predictor.version(), model);
      ModelVersions.recordCurrent(connection, ModelKind.PREDICTOR, predictor.name(),
          keepVersions);
    });
  }

  /** Drops a predictor with all its kept versions, atomically. */
  public void dropPredictor(String name) throws SQLException {
    inTransaction(connection -> {
      deletePredictorRows(connection, name);
      ModelVersions.deleteAll(connection, ModelKind.PREDICTOR, name);
    });
  }

  /** Deletes the current version's catalog rows; the weights of kept versions stay. */
  private void deletePredictorRows(Connection connection, String name) throws SQLException {
    execute(connection, "DELETE FROM ROWSPACE.PREDICTORS WHERE name = ?", name);
    execute(connection,
        "DELETE FROM ROWSPACE.TRAINING_TIMELINE WHERE model = ? AND model_kind = 'PREDICTOR'",
        name);
    CheckpointStore.delete(connection, "PREDICTOR", name);
  }

  // ---------------------------------------------------------------- versions

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  public void inTransaction(CatalogWork work) throws SQLException {
    try (Connection connection = database.connection()) {
      CatalogWork.inTransaction(connection, work);
    }
  }

  /** The kept versions of a model, oldest first (none for a model stored before they were). */
  public List<ModelVersion> versions(ModelKind kind, String name) throws SQLException {
    try (Connection connection = database.connection()) {
      return ModelVersions.list(connection, kind, name);
    }
  }

  /** The number the next version of a model gets (1 for a new one). */
  public int nextVersion(ModelKind kind, String name) throws SQLException {
    try (Connection connection = database.connection()) {
      return ModelVersions.nextVersion(connection, kind, name);
    }
  }

  /**
   * Makes a kept version of a model current, atomically ({@link ModelVersions#makeCurrent}).
   * The caller has checked that the version is kept.
   */
  public void rollback(ModelKind kind, String name, int version) throws SQLException {
    inTransaction(connection -> ModelVersions.makeCurrent(connection, kind, name, version));
  }

  /** Versions kept per model, the current one among them. */
  public int keepVersions() {
    return keepVersions;
  }

  // ---------------------------------------------------------------- weights

  /**
   * Reads stored bytes and checks them against the checksum recorded with the model.
   *
   * @throws SQLException if the bytes are missing or do not match their checksum
   */
  public byte[] loadBlob(BlobKind kind, String name, int version, String expectedChecksum)
      throws SQLException {
    byte[] all;
    try (Connection connection = database.connection()) {
      all = readBlob(connection, kind, name, version);
    }
    if (expectedChecksum != null && !checksum(all).equals(expectedChecksum)) {
      throw ErrorCode.DAMAGED_MODEL_BYTES.exception(kind.name().toLowerCase(Locale.ROOT), name,
          version);
    }
    return all;
  }

  /** Stored bytes as they are, on the caller's connection (empty if there are none). */
  static byte[] readBlob(Connection connection, BlobKind kind, String name, int version)
      throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT chunk FROM ROWSPACE.MODEL_BLOBS WHERE kind = ? AND name = ? AND version = ? "
            + "ORDER BY chunk_no")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.setInt(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bytes.writeBytes(rs.getBytes(1));
        }
      }
    }
    return bytes.toByteArray();
  }

  /** SHA-256 of model bytes, as stored with the model. */
  public static String checksum(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static void insertBlob(Connection connection, BlobKind kind, String name, int version,
      byte[] bytes) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO ROWSPACE.MODEL_BLOBS (kind, name, version, chunk_no, chunk) "
            + "VALUES (?, ?, ?, ?, ?)")) {
      int chunkNo = 0;
      for (int offset = 0; offset < bytes.length || chunkNo == 0; offset += CHUNK_BYTES) {
        int end = Math.min(bytes.length, offset + CHUNK_BYTES);
        ps.setString(1, kind.name());
        ps.setString(2, name);
        ps.setInt(3, version);
        ps.setInt(4, chunkNo++);
        ps.setBytes(5, Arrays.copyOfRange(bytes, offset, end));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ---------------------------------------------------------------- rows of other tables

  private static void insertColumns(Connection connection, String space,
      List<ColumnRecord> columns) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO ROWSPACE.SPACE_COLUMNS (space, table_name, column_name, sql_type, "
            + "detected_type, encoder, status, reason, mutual_information_bits, ordinal) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (ColumnRecord column : columns) {
        ps.setString(1, space);
        ps.setString(2, column.tableName());
        ps.setString(3, column.columnName());
        ps.setString(4, column.sqlType());
        ps.setString(5, column.detectedType());
        ps.setString(6, column.encoder());
        ps.setString(7, column.used() ? "USED" : "EXCLUDED");
        ps.setString(8, column.reason());
        setDouble(ps, 9, column.mutualInformationBits());
        ps.setInt(10, ordinal++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertTimeline(Connection connection, String model, String kind,
      List<TimelineRecord> timeline) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO ROWSPACE.TRAINING_TIMELINE (model, model_kind, epoch, learning_rate, "
            + "train_loss, validation_loss, dropout, spread_loss, temperature, grad_norm, "
            + "clipped_grad_norm, failures, actions, reconstruction_loss, objective_weights, "
            + "mean_cosine, effective_rank) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TimelineRecord row : timeline) {
        ps.setString(1, model);
        ps.setString(2, kind);
        ps.setInt(3, row.epoch());
        setDouble(ps, 4, row.learningRate());
        setDouble(ps, 5, row.trainLoss());
        setDouble(ps, 6, row.validationLoss());
        setDouble(ps, 7, row.dropout());
        setDouble(ps, 8, row.spreadLoss());
        setDouble(ps, 9, row.temperature());
        setDouble(ps, 10, row.gradNorm());
        setDouble(ps, 11, row.clippedGradNorm());
        ps.setString(12, truncate(row.failures(), 1000));
        ps.setString(13, truncate(row.actions(), 1000));
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

  // ---------------------------------------------------------------- plumbing

  private List<String> names(String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = database.connection();
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql + " ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static void execute(Connection connection, String sql, String argument)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, argument);
      ps.executeUpdate();
    }
  }

  /** NaN and infinities are stored as NULL: no backing database agrees on them. */
  private static void setDouble(PreparedStatement ps, int index, double value)
      throws SQLException {
    if (Double.isFinite(value)) {
      ps.setDouble(index, value);
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
  }

  private static double getDouble(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? Double.NaN : value;
  }

  static String toJson(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A list of strings always serialises", e);
    }
  }

  static List<String> fromJson(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Catalog column holds malformed JSON: " + json, e);
    }
  }
}
