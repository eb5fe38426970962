package io.rowspace.sql.catalog;

import static io.rowspace.sql.catalog.CatalogValues.clip;
import static io.rowspace.sql.catalog.CatalogValues.execute;
import static io.rowspace.sql.catalog.CatalogValues.fromJson;
import static io.rowspace.sql.catalog.CatalogValues.setDouble;
import static io.rowspace.sql.catalog.CatalogValues.toJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The embedding spaces of the catalog: a row of {@code ROWSPACE.EMBEDDING_SPACES} with the
 * space's rows of {@code SPACE_COLUMNS}, {@code RELATIONSHIPS} and {@code TRAINING_TIMELINE}
 * and its bytes (model, embedded rows, search index). A space becomes visible in the transaction
 * that stores its bytes and their checksums, so a failed CREATE leaves nothing behind.
 */
public final class SpaceStore {
  private static final int JOIN_COLUMNS_LENGTH = 1000;
  private static final int WARNINGS_LENGTH = 4000;

  private final CatalogConnections connections;
  private final int keepVersions;

  SpaceStore(CatalogConnections connections, int keepVersions) {
    this.connections = connections;
    this.keepVersions = keepVersions;
  }

  /** The READY space of this name, if there is one. */
  public Optional<SpaceRecord> find(String name) throws SQLException {
    return connections.using(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(
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
    });
  }

  /**
   * The stamp of the READY space of this name, if there is one: five columns of its catalog row,
   * read on every execution of a query that calls a table function on the space.
   */
  public Optional<SpaceStamp> stamp(String name) throws SQLException {
    return connections.prepared("SELECT version, checksum, vectors_checksum, index_checksum, "
        + "created_at FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ? AND status = 'READY'", ps -> {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(SpaceStamp.read(rs, 1)) : Optional.empty();
          }
        });
  }

  /** The names of the READY spaces, in order. */
  public List<String> names() throws SQLException {
    return connections.strings(
        "SELECT name FROM ROWSPACE.EMBEDDING_SPACES WHERE status = 'READY' ORDER BY name");
  }

  /**
   * Stores a trained space and makes it visible, replacing any space of that name, in one
   * transaction; when {@code predictorsStale}, its READY predictors are marked STALE in the same
   * transaction (they were trained on the space it replaces).
   *
   * @param index the search index over the vectors, or null when they are searched exactly
   */
  public void store(SpaceRecord space, List<ColumnRecord> columns,
      List<RelationshipRecord> relationships, List<TimelineRecord> timeline, byte[] model,
      byte[] vectors, byte[] index, boolean predictorsStale) throws SQLException {
    connections.inTransaction(connection -> {
      ModelVersions.retire(connection, ModelKind.SPACE, space.name());
      deleteRows(connection, space.name());
      insertSpace(connection, space, vectors, index);
      insertColumns(connection, space.name(), columns);
      insertRelationships(connection, space.name(), relationships);
      TimelineRows.insert(connection, space.name(), ModelKind.SPACE, timeline);
      BlobStore.insert(connection, BlobKind.SPACE, space.name(), space.version(), model);
      BlobStore.insert(connection, BlobKind.SPACE_VECTORS, space.name(), space.version(),
          vectors);
      if (index != null) {
        BlobStore.insert(connection, BlobKind.SPACE_INDEX, space.name(), space.version(), index);
      }
      if (predictorsStale) {
        PredictorStore.markStale(connection, space.name());
      }
      ModelVersions.recordCurrent(connection, ModelKind.SPACE, space.name(), keepVersions);
    });
  }

  /**
   * Replaces the stored row vectors of a space and their search index (REFRESH), atomically.
   * Kept former versions keep their own rows.
   *
   * @param index the new search index, or null when the rows are now searched exactly
   */
  public void replaceVectors(SpaceRecord space, byte[] vectors, byte[] index)
      throws SQLException {
    connections.inTransaction(connection -> {
      BlobStore.delete(connection, space.name(), space.version(), BlobKind.SPACE_VECTORS,
          BlobKind.SPACE_INDEX);
      BlobStore.insert(connection, BlobKind.SPACE_VECTORS, space.name(), space.version(),
          vectors);
      if (index != null) {
        BlobStore.insert(connection, BlobKind.SPACE_INDEX, space.name(), space.version(), index);
      }
      try (PreparedStatement ps = connection.prepareStatement("UPDATE ROWSPACE.EMBEDDING_SPACES "
          + "SET vectors_checksum = ?, index_checksum = ? WHERE name = ?")) {
        ps.setString(1, BlobStore.checksum(vectors));
        ps.setString(2, index == null ? null : BlobStore.checksum(index));
        ps.setString(3, space.name());
        ps.executeUpdate();
      }
    });
  }

  /** Drops a space with its kept versions and, when {@code cascade}, its predictors, atomically. */
  public void drop(String name, boolean cascade) throws SQLException {
    connections.inTransaction(connection -> {
      if (cascade) {
        for (String predictor : PredictorStore.ofSpace(connection, name)) {
          PredictorStore.deleteAll(connection, predictor);
        }
      }
      deleteRows(connection, name);
      ModelVersions.deleteAll(connection, ModelKind.SPACE, name);
    });
  }

  /** Deletes the current version's catalog rows; the weights of kept versions stay. */
  private static void deleteRows(Connection connection, String name) throws SQLException {
    execute(connection, "DELETE FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ?", name);
    execute(connection, "DELETE FROM ROWSPACE.SPACE_COLUMNS WHERE space = ?", name);
    execute(connection, "DELETE FROM ROWSPACE.RELATIONSHIPS WHERE space = ?", name);
    TimelineRows.delete(connection, name, ModelKind.SPACE);
    CheckpointStore.delete(connection, ModelKind.SPACE.name(), name);
  }

  private static void insertSpace(Connection connection, SpaceRecord space, byte[] vectors,
      byte[] index) throws SQLException {
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
      ps.setString(18, BlobStore.checksum(vectors));
      ps.setString(19, index == null ? null : BlobStore.checksum(index));
      ps.executeUpdate();
    }
  }

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
        ps.setString(5, clip(r.joinColumns(), JOIN_COLUMNS_LENGTH));
        setDouble(ps, 6, r.coverage());
        setDouble(ps, 7, r.meanFanout());
        ps.setInt(8, (int) Math.min(Integer.MAX_VALUE, r.maxFanout()));
        ps.setString(9, clip(r.warnings(), WARNINGS_LENGTH));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
