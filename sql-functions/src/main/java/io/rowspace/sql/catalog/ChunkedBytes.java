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
  static final int CHUNK_BYTES = 512 * 1024;

  private ChunkedBytes() {
  }

  /** The chunks of {@code bytes} in order; at least one. */
  static List<byte[]> split(byte[] bytes) {
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
