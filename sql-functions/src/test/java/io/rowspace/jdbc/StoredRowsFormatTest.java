package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.catalog.BlobStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded rows stored in a format this Rowspace cannot read. */
class StoredRowsFormatTest {
  @Test
  void unreadableStoredRowsNameTheSpaceAndRefreshRewritesThem(@TempDir Path folder)
      throws SQLException {
    String path = folder.resolve("plant").toAbsolutePath().toString();
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:h2:" + path);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE readings (id INTEGER PRIMARY KEY, temperature DOUBLE "
          + "PRECISION, pressure DOUBLE PRECISION)");
      for (int id = 1; id <= 60; id++) {
        statement.execute("INSERT INTO readings VALUES (" + id + ", " + (20 + id % 7) + ", "
            + (100 + id % 5) + ")");
      }
      statement.execute("CREATE EMBEDDING SPACE readings_space ON readings WITH (epochs = 1)");
    }
    // As a later Rowspace would have written them: format version 99.
    byte[] newer = {0, 0, 0, 99};
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:" + path)) {
      try (PreparedStatement delete = h2.prepareStatement("DELETE FROM ROWSPACE.MODEL_BLOBS "
          + "WHERE kind = 'SPACE_VECTORS' AND name = 'READINGS_SPACE' AND chunk_no > 0");
           PreparedStatement update = h2.prepareStatement("UPDATE ROWSPACE.MODEL_BLOBS "
               + "SET chunk = ? WHERE kind = 'SPACE_VECTORS' AND name = 'READINGS_SPACE'");
           PreparedStatement checksum = h2.prepareStatement("UPDATE ROWSPACE.EMBEDDING_SPACES "
               + "SET vectors_checksum = ? WHERE name = 'READINGS_SPACE'")) {
        delete.executeUpdate();
        update.setBytes(1, newer);
        assertEquals(1, update.executeUpdate());
        checksum.setString(1, BlobStore.checksum(newer));
        assertEquals(1, checksum.executeUpdate());
      }
    }
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:h2:" + path);
         Statement statement = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = statement.executeQuery(
            "SELECT COUNT(*) FROM TABLE(EMBEDDINGS('readings_space'))")) {
          rs.next();
        }
      });
      String messages = messages(e).toUpperCase(Locale.ROOT);
      assertTrue(messages.contains("EMBEDDED ROWS OF SPACE 'READINGS_SPACE'"), messages);
      assertTrue(messages.contains("REFRESH EMBEDDING SPACE"), messages);

      statement.execute("REFRESH EMBEDDING SPACE readings_space");
      try (ResultSet rs = statement.executeQuery(
          "SELECT COUNT(*) FROM TABLE(EMBEDDINGS('readings_space'))")) {
        assertTrue(rs.next());
        assertEquals(60, rs.getInt(1), "REFRESH rewrote the rows in the current format");
      }
    }
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
