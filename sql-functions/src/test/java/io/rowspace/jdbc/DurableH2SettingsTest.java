package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

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
}
