package io.rowspace.jdbc;

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
      return remote(parsed.backingUrl(), properties);
    }
    DamagedDatabaseFile.check(parsed.backingUrl(), properties);
    BackingDatabase database;
    try {
      database = BackingDatabase.open(parsed.backingUrl(), properties);
    } catch (SQLException e) {
      throw DamagedDatabaseFile.explain(parsed.backingUrl(), e).orElse(e);
    }
    return new RowspaceConnection(parsed, database, properties);
  }

  /**
   * A connection to a Rowspace server ({@code ./rowspace serve}) through Avatica's remote driver;
   * {@code user} and {@code password}, if given, authenticate with HTTP BASIC.
   */
  private static Connection remote(String server, Properties info) throws SQLException {
    StringBuilder avatica = new StringBuilder("jdbc:avatica:remote:url=").append(server)
        .append(";serialization=PROTOBUF");
    Properties properties = new Properties();
    properties.putAll(info);
    // The credentials are the server's, not the database's: the server opens the database with
    // its own URL, and a database would reject them.
    properties.remove("user");
    properties.remove("password");
    String user = info.getProperty("user");
    if (user != null) {
      avatica.append(";authentication=BASIC");
      properties.setProperty("avatica_user", user);
      properties.setProperty("avatica_password", info.getProperty("password", ""));
    }
    try {
      return new org.apache.calcite.avatica.remote.Driver().connect(avatica.toString(),
          properties);
    } catch (RuntimeException e) {
      throw new SQLException("Cannot reach the Rowspace server at " + server + ": "
          + e.getMessage() + ". Is ./rowspace serve running there?", "08001", e);
    }
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
    return new DriverPropertyInfo[] {device, threads, maxSeconds, maxK, exactSearch};
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
