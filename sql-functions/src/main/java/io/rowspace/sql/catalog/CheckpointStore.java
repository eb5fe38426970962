package io.rowspace.sql.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Training checkpoints, one per model being trained ({@code ROWSPACE.CHECKPOINTS} and their bytes
 * in {@code ROWSPACE.CHECKPOINT_CHUNKS}): what lets a statement that was interrupted resume from
 * its last checkpoint when it runs again. Each save is a committed transaction of its own, so a
 * crash keeps the checkpoint before it whole.
 */
public final class CheckpointStore {
  private final CatalogConnections connections;

  CheckpointStore(CatalogConnections connections) {
    this.connections = connections;
  }

  /**
   * The latest checkpoint of a model's training, if it was written by the statement with this
   * key for a run with this fingerprint and its bytes match their checksum.
   */
  public Optional<CheckpointRecord> find(String kind, String model, String statementKey,
      String runFingerprint) throws SQLException {
    return connections.using(connection -> {
      int epoch;
      String expected;
      Instant savedAt;
      try (PreparedStatement ps = connection.prepareStatement("SELECT epoch, checksum, saved_at "
          + "FROM ROWSPACE.CHECKPOINTS WHERE kind = ? AND model = ? AND statement_key = ? "
          + "AND run_fingerprint = ?")) {
        ps.setString(1, kind);
        ps.setString(2, model);
        ps.setString(3, statementKey);
        ps.setString(4, runFingerprint);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          epoch = rs.getInt(1);
          expected = rs.getString(2);
          savedAt = rs.getTimestamp(3).toInstant();
        }
      }
      byte[] state;
      try (PreparedStatement ps = connection.prepareStatement("SELECT chunk FROM "
          + "ROWSPACE.CHECKPOINT_CHUNKS WHERE kind = ? AND model = ? ORDER BY chunk_no")) {
        ps.setString(1, kind);
        ps.setString(2, model);
        state = ChunkedBytes.read(ps);
      }
      return BlobStore.checksum(state).equals(expected)
          ? Optional.of(new CheckpointRecord(epoch, savedAt, state)) : Optional.empty();
    });
  }

  /**
   * Saves a model's training checkpoint, replacing the one before (of any statement), in one
   * committed transaction of its own.
   */
  public void save(String kind, String model, String statementKey, String runFingerprint,
      int epoch, byte[] state, Instant savedAt) throws SQLException {
    connections.inTransaction(connection -> {
      delete(connection, kind, model);
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO ROWSPACE.CHECKPOINTS "
          + "(kind, model, statement_key, run_fingerprint, epoch, checksum, saved_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, kind);
        ps.setString(2, model);
        ps.setString(3, statementKey);
        ps.setString(4, runFingerprint);
        ps.setInt(5, epoch);
        ps.setString(6, BlobStore.checksum(state));
        ps.setTimestamp(7, Timestamp.from(savedAt));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO "
          + "ROWSPACE.CHECKPOINT_CHUNKS (kind, model, chunk_no, chunk) VALUES (?, ?, ?, ?)")) {
        ChunkedBytes.write(ps, state, insert -> {
          insert.setString(1, kind);
          insert.setString(2, model);
          return 3;
        });
      }
    });
  }

  /** Deletes a model's training checkpoint, if it has one. */
  public void delete(String kind, String model) throws SQLException {
    connections.using(connection -> {
      delete(connection, kind, model);
      return null;
    });
  }

  /** Deletes a model's checkpoint on the caller's connection (in its transaction). */
  static void delete(Connection connection, String kind, String model) throws SQLException {
    try (PreparedStatement chunks = connection.prepareStatement(
             "DELETE FROM ROWSPACE.CHECKPOINT_CHUNKS WHERE kind = ? AND model = ?");
         PreparedStatement rows = connection.prepareStatement(
             "DELETE FROM ROWSPACE.CHECKPOINTS WHERE kind = ? AND model = ?")) {
      for (PreparedStatement ps : List.of(chunks, rows)) {
        ps.setString(1, kind);
        ps.setString(2, model);
        ps.executeUpdate();
      }
    }
  }
}
