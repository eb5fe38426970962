package io.rowspace.jdbc;

import io.rowspace.jdbc.remote.RemoteDriver;
import io.rowspace.sql.backing.BackingDatabase;
import io.rowspace.sql.backing.DamagedDatabaseFile;
import io.rowspace.sql.backing.DurableH2Settings;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Rowspace JDBC driver: {@code jdbc:rowspace:} URLs (SPEC section 2). Registers itself with
 * {@link DriverManager} when loaded, which the service file does for every application.
 */
public final class RowspaceDriver implements Driver {
  private static final RemoteDriver REMOTE = new RemoteDriver();

  static {
    try {
      DriverManager.registerDriver(new RowspaceDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties properties = info == null ? new Properties() : info;
    RowspaceUrl parsed = RowspaceUrl.parse(url);
    if (parsed.isRemote()) {
      // The thin driver's connection: the same whichever of the two drivers takes the URL.
      return REMOTE.connect(url, properties);
    }
    parsed = parsed.withBackingUrl(DurableH2Settings.forAccount(parsed.backingUrl(),
        parsed.writtenBackingUrl(), properties));
    BackingDatabase database;
    try {
      database = BackingDatabase.open(parsed.backingUrl(), properties);
    } catch (SQLException e) {
      throw DamagedDatabaseFile.explain(parsed.backingUrl(), e).orElse(e);
    }
    return new RowspaceConnection(parsed, database, properties);
  }

  @Override public boolean acceptsURL(String url) {
    return RowspaceUrl.accepts(url);
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo device = new DriverPropertyInfo("rowspace.device", "auto");
    device.choices = new String[] {"auto", "cpu", "gpu"};
    device.description = "Where models train and run.";
    DriverPropertyInfo threads = new DriverPropertyInfo("rowspace.threads", null);
    threads.description = "CPU threads for training and inference.";
    DriverPropertyInfo maxSeconds = new DriverPropertyInfo("rowspace.maxTrainingSeconds", null);
    maxSeconds.description = "Stop training after this many seconds.";
    DriverPropertyInfo maxK = new DriverPropertyInfo("rowspace.maxK", "1000");
    maxK.description = "Largest k SIMILAR_ROWS accepts.";
    DriverPropertyInfo exactSearch = new DriverPropertyInfo("rowspace.exactSearch", "false");
    exactSearch.description = "Whether SIMILAR_ROWS searches exactly even where a space has a "
        + "search index.";
    exactSearch.choices = new String[] {"false", "true"};
    DriverPropertyInfo checkpoints = new DriverPropertyInfo("rowspace.checkpointSeconds", "120");
    checkpoints.description = "Seconds between the training checkpoints a re-run statement "
        + "resumes from (0: after every epoch).";
    return new DriverPropertyInfo[] {device, threads, maxSeconds, maxK, exactSearch, checkpoints};
  }

  @Override public int getMajorVersion() {
    return 0;
  }

  @Override public int getMinorVersion() {
    return 1;
  }

  @Override public boolean jdbcCompliant() {
    return false;
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Rowspace does not log through java.util.logging");
  }
}
