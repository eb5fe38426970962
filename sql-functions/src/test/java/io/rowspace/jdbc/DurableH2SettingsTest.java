package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowspace.sql.backing.BackingDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which backing URLs get the durable settings, and that the user's own settings win. */
class DurableH2SettingsTest {
  @Test
  void theDefaultEmbeddedDatabaseWritesEveryCommitBeforeItReturns() throws SQLException {
    assertEquals("jdbc:h2:./rowspace-data/rowspace;WRITE_DELAY=0;REUSE_SPACE=FALSE",
        RowspaceUrl.parse("jdbc:rowspace:").backingUrl());
  }

  @Test
  void fileUrlsGetTheSettingAfterTheUsersOwn() throws SQLException {
    assertEquals("jdbc:h2:./data/shop;MODE=PostgreSQL;WRITE_DELAY=0;REUSE_SPACE=FALSE",
        RowspaceUrl.parse("jdbc:rowspace:h2:./data/shop;MODE=PostgreSQL").backingUrl());
    assertEquals("jdbc:h2:file:/tmp/shop;WRITE_DELAY=0;REUSE_SPACE=FALSE",
        RowspaceUrl.parse("jdbc:rowspace:h2:file:/tmp/shop").backingUrl());
  }

  @Test
  void aSettingTheUserChoseIsKept() throws SQLException {
    assertEquals("jdbc:h2:./data/shop;write_delay=2000;REUSE_SPACE=FALSE",
        RowspaceUrl.parse("jdbc:rowspace:h2:./data/shop;write_delay=2000").backingUrl());
    assertEquals("jdbc:h2:./data/shop;REUSE_SPACE=TRUE;WRITE_DELAY=0",
        RowspaceUrl.parse("jdbc:rowspace:h2:./data/shop;REUSE_SPACE=TRUE").backingUrl());
  }

  @Test
  void memoryRemoteAndOtherDatabasesAreLeftAlone() throws SQLException {
    assertEquals("jdbc:h2:mem:demo", RowspaceUrl.parse("jdbc:rowspace:h2:mem:demo").backingUrl());
    assertEquals("jdbc:h2:tcp://localhost/~/shop",
        RowspaceUrl.parse("jdbc:rowspace:h2:tcp://localhost/~/shop").backingUrl());
    assertEquals("jdbc:postgresql://localhost/shop",
        RowspaceUrl.parse("jdbc:rowspace:postgresql://localhost/shop").backingUrl());
  }

  @Test
  void anAccountThatIsNoAdministratorConnectsWithTheUrlAsWritten(@TempDir Path dir)
      throws SQLException {
    String url = "jdbc:rowspace:h2:" + dir.resolve("shop");
    try (Connection admin = DriverManager.getConnection(url);
         Statement statement = admin.createStatement()) {
      // H2 refuses a non-administrator the SET commands of the durable settings (90040).
      statement.execute("CREATE TABLE shops (id INTEGER PRIMARY KEY, kind VARCHAR)");
      statement.execute("INSERT INTO shops VALUES (1, 'bakery')");
      statement.execute("CREATE USER clerk PASSWORD 'counter'");
      statement.execute("GRANT SELECT ON shops TO clerk");
      Properties clerk = new Properties();
      clerk.setProperty("user", "clerk");
      clerk.setProperty("password", "counter");
      try (Connection connection = DriverManager.getConnection(url, clerk);
           ResultSet rows = connection.createStatement().executeQuery(
               "SELECT kind FROM shops WHERE id = 1")) {
        rows.next();
        assertEquals("bakery", rows.getString(1));
      }
    } finally {
      BackingDatabase.close("jdbc:h2:" + dir.resolve("shop"));
    }
  }
}
