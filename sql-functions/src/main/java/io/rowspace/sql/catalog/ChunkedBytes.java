package io.rowspace.sql.catalog;

import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes stored as numbered chunks small enough for every backing database's binary type (model
 * weights and training checkpoints alike). Empty bytes are one empty chunk, so that stored
 * nothing and stored no bytes stay apart.
 */
final class ChunkedBytes {
  /** The size of a chunk. */
  private static final int CHUNK_BYTES = 512 * 1024;

  /** Sets the parameters that say whose chunks these are, from 1 up. */
  @FunctionalInterface
  interface Owner {
    /** Sets the owner's parameters and returns the index of the next one. */
    int bind(PreparedStatement insert) throws SQLException;
  }

  private ChunkedBytes() {
  }

  /**
   * Inserts the chunks of {@code bytes} with an INSERT whose parameters are the owner's, then the
   * chunk number, then the chunk, in one batch.
   */
  static void write(PreparedStatement insert, byte[] bytes, Owner owner) throws SQLException {
    int chunkNo = 0;
    for (byte[] chunk : split(bytes)) {
      int next = owner.bind(insert);
      insert.setInt(next, chunkNo++);
      insert.setBytes(next + 1, chunk);
      insert.addBatch();
    }
    insert.executeBatch();
  }

  /** The chunks of {@code bytes} in order; at least one. */
  private static List<byte[]> split(byte[] bytes) {
    List<byte[]> chunks = new ArrayList<>();
    int offset = 0;
    do {
      chunks.add(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + CHUNK_BYTES)));
      offset += CHUNK_BYTES;
    } while (offset < bytes.length);
    return chunks;
  }

  /** The bytes of the chunks a query returns in its first column, in chunk order. */
  static byte[] read(PreparedStatement query) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        bytes.writeBytes(rs.getBytes(1));
      }
    }
    return bytes.toByteArray();
  }
}
