package io.rowspace.sql.catalog;

import io.rowspace.error.ErrorCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The rows of {@code ROWSPACE.MODEL_BLOBS}: the bytes of every version of every model, chunked
 * ({@link ChunkedBytes}), read back only against the SHA-256 checksum recorded with the model.
 */
public final class BlobStore {
  private final CatalogConnections connections;

  BlobStore(CatalogConnections connections) {
    this.connections = connections;
  }

  /**
   * Reads stored bytes and checks them against the checksum recorded with the model.
   *
   * @param expectedChecksum the checksum on the model's row, or null to read unchecked
   * @throws SQLException (XX001) if the bytes are missing or do not match their checksum
   */
  public byte[] load(BlobKind kind, String name, int version, String expectedChecksum)
      throws SQLException {
    byte[] all = connections.using(connection -> read(connection, kind, name, version));
    if (expectedChecksum != null && !checksum(all).equals(expectedChecksum)) {
      throw ErrorCode.DAMAGED_MODEL_BYTES.exception(kind.name().toLowerCase(Locale.ROOT), name,
          version);
    }
    return all;
  }

  /** SHA-256 of model bytes, as stored with the model. */
  public static String checksum(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Stored bytes as they are, on the caller's connection (empty if there are none). */
  static byte[] read(Connection connection, BlobKind kind, String name, int version)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT chunk FROM ROWSPACE.MODEL_BLOBS WHERE kind = ? AND name = ? AND version = ? "
            + "ORDER BY chunk_no")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      ps.setInt(3, version);
      return ChunkedBytes.read(ps);
    }
  }

  /** Stores bytes on the caller's connection (in its transaction). */
  static void insert(Connection connection, BlobKind kind, String name, int version,
      byte[] bytes) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO ROWSPACE.MODEL_BLOBS (kind, name, version, chunk_no, chunk) "
            + "VALUES (?, ?, ?, ?, ?)")) {
      ChunkedBytes.write(ps, bytes, insert -> {
        insert.setString(1, kind.name());
        insert.setString(2, name);
        insert.setInt(3, version);
        return 4;
      });
    }
  }

  /** Deletes one version's bytes of the given kinds on the caller's connection. */
  static void delete(Connection connection, String name, int version, BlobKind... kinds)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM ROWSPACE.MODEL_BLOBS WHERE kind = ? AND name = ? AND version = ?")) {
      for (BlobKind kind : kinds) {
        ps.setString(1, kind.name());
        ps.setString(2, name);
        ps.setInt(3, version);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
