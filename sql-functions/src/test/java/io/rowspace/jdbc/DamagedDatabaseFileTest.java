package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.backing.BackingDatabase;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database file damaged on disk is reported as such, with the way back to the data. */
class DamagedDatabaseFileTest {
  @TempDir
  Path folder;

  @Test
  void aDamagedFileIsNamedWithTheRecoveryCommandsAtOnce() throws Exception {
    Path base = folder.resolve("orders");
    String url = "jdbc:rowspace:h2:" + base.toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total DOUBLE PRECISION)");
      statement.execute("INSERT INTO orders SELECT X, X * 1.5 FROM SYSTEM_RANGE(1, 1000)");
    }
    BackingDatabase.close("jdbc:h2:" + base.toAbsolutePath());
    overwriteLastChunk(Path.of(base + ".mv.db"));

    long started = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals("XX001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("The database file " + base.toAbsolutePath()
        + ".mv.db is damaged"), e.getMessage());
    assertTrue(e.getMessage().contains("org.h2.tools.Recover -dir " + folder.toAbsolutePath()
        + " -db orders"), e.getMessage());
    assertTrue(e.getMessage().contains("backup"), e.getMessage());
    assertTrue(seconds < 20, "reported without waiting for the pool's timeout: " + seconds);
  }

  /** Overwrites the middle of the chunk the file header names as the newest. */
  private static void overwriteLastChunk(Path file) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] header = new byte[256];
      raf.readFully(header);
      Matcher block = Pattern.compile("block:([0-9a-f]+)")
          .matcher(new String(header, StandardCharsets.ISO_8859_1));
      assertTrue(block.find(), "an H2 file header");
      long offset = Long.parseLong(block.group(1), 16) * 4096;
      raf.seek(offset + 200);
      byte[] garbage = new byte[2800];
      java.util.Arrays.fill(garbage, (byte) 0x55);
      raf.write(garbage);
    }
  }
}
