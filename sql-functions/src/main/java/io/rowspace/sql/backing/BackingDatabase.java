package io.rowspace.sql.backing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowspace.error.ErrorCode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.util.Casing;

/**
 * The database behind a Rowspace URL: the connections Rowspace opens to it, plus what Rowspace
 * needs to know of its dialect.
 *
 * <p>Each Rowspace connection (and each background job) owns a backing connection of its own
 * ({@link #ownConnection()}), opened outside the pool, so the number of client connections is
 * bounded by the backing database alone, never by the pool. The HikariCP pool, shared by every
 * connection of this JVM that uses the same URL and user, serves only Rowspace's brief internal
 * reads and writes (catalog, models, related rows), which return their connection at once; if
 * they all stay busy for {@link #POOL_WAIT_MILLIS}, the statement fails with 53300 instead of
 * HikariCP's own message.
 */
public final class BackingDatabase {
  private static final Map<String, BackingDatabase> OPEN = new ConcurrentHashMap<>();
  /** Connections of the pool; only brief internal work borrows them. */
  private static final int POOL_SIZE = 16;
  /** How long a statement waits for a pool connection before it fails with 53300. */
  static final long POOL_WAIT_MILLIS = 30_000;

  private final String jdbcUrl;
  private final HikariDataSource pool;
  private final String productName;
  private final Casing unquotedCasing;
  private final String defaultSchema;
  /** The user, password and {@link #driverSettings} of connections opened outside the pool. */
  private final Properties credentials;
  /** The connections of Rowspace connections and jobs, closed with the database. */
  private final Set<Connection> owned = ConcurrentHashMap.newKeySet();

  private BackingDatabase(String jdbcUrl, HikariDataSource pool, Properties credentials)
      throws SQLException {
    this.jdbcUrl = jdbcUrl;
    this.pool = pool;
    this.credentials = credentials;
    try (Connection connection = pool.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      this.productName = meta.getDatabaseProductName();
      if (meta.storesUpperCaseIdentifiers()) {
        this.unquotedCasing = Casing.TO_UPPER;
      } else if (meta.storesLowerCaseIdentifiers()) {
        this.unquotedCasing = Casing.TO_LOWER;
      } else {
        this.unquotedCasing = Casing.UNCHANGED;
      }
      this.defaultSchema = connection.getSchema();
    }
  }

  /**
   * Returns the pool for a backing JDBC URL, opening it on first use.
   *
   * @param jdbcUrl the backing database's own URL, e.g. {@code jdbc:h2:mem:demo}
   * @param info connection properties; {@code user} and {@code password} pass through
   */
  public static BackingDatabase open(String jdbcUrl, Properties info) throws SQLException {
    String user = info.getProperty("user", "");
    String key = jdbcUrl + "\u0000" + user;
    BackingDatabase existing = OPEN.get(key);
    if (existing != null && !existing.pool.isClosed()) {
      return existing;
    }
    synchronized (OPEN) {
      existing = OPEN.get(key);
      if (existing != null && !existing.pool.isClosed()) {
        return existing;
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      if (!user.isEmpty()) {
        config.setUsername(user);
      }
      String password = info.getProperty("password");
      if (password != null) {
        config.setPassword(password);
      }
      // One idle connection keeps an in-memory H2 database alive while the driver holds it.
      config.setMinimumIdle(1);
      config.setMaximumPoolSize(POOL_SIZE);
      config.setConnectionTimeout(POOL_WAIT_MILLIS);
      config.setPoolName("rowspace-" + Integer.toHexString(Objects.hash(key)));
      config.setInitializationFailTimeout(-1);
      Properties settings = driverSettings(jdbcUrl);
      settings.forEach((name, value) -> config.addDataSourceProperty((String) name, value));
      HikariDataSource pool;
      try {
        pool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw ErrorCode.BACKING_DATABASE_UNAVAILABLE.exception(e, jdbcUrl, e.getMessage());
      }
      Properties credentials = driverSettings(jdbcUrl);
      if (!user.isEmpty()) {
        credentials.setProperty("user", user);
      }
      if (password != null) {
        credentials.setProperty("password", password);
      }
      BackingDatabase database;
      try {
        database = new BackingDatabase(jdbcUrl, pool, credentials);
      } catch (SQLException e) {
        pool.close();
        throw e;
      }
      OPEN.put(key, database);
      return database;
    }
  }

  /**
   * The driver settings every backing connection is opened with. PostgreSQL's driver reads a
   * prepared statement's results in binary once it has been described or run five times, and then
   * writes arrays, bytea and floating-point numbers otherwise than PostgreSQL does ({@code
   * "1"} for 1, the Java object's name for bytea): results are read in PostgreSQL's text, so
   * {@code getString} is PostgreSQL's own on every run (a binaryTransfer setting in the URL still
   * decides).
   */
  private static Properties driverSettings(String jdbcUrl) {
    Properties settings = new Properties();
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      settings.setProperty("binaryTransfer", "false");
    }
    return settings;
  }

  /**
   * Closes the pool and owned connections of one backing database, e.g. to release an embedded
   * database file to another process. Connections still open through it fail from then on. The
   * URL may be given with or without the {@link DurableH2Settings} Rowspace adds.
   */
  public static void close(String jdbcUrl) {
    String durable = DurableH2Settings.apply(jdbcUrl);
    synchronized (OPEN) {
      OPEN.entrySet().removeIf(entry -> {
        if (entry.getValue().jdbcUrl.equals(jdbcUrl) || entry.getValue().jdbcUrl.equals(durable)) {
          entry.getValue().pool.close();
          entry.getValue().closeOwned();
          return true;
        }
        return false;
      });
    }
  }

  /**
   * Borrows a pool connection for brief internal work; close it to give it back.
   *
   * @throws SQLException 53300 when every pool connection stayed busy for
   *     {@link #POOL_WAIT_MILLIS}, or the backing database's own error when it cannot connect
   */
  public Connection connection() throws SQLException {
    try {
      return pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      if (e.getCause() instanceof SQLException cause && cause.getSQLState() != null) {
        throw ErrorCode.BACKING_CONNECT_FAILED.exceptionWithState(cause.getSQLState(), cause,
            jdbcUrl, cause.getMessage());
      }
      throw ErrorCode.INTERNAL_CONNECTIONS_BUSY.exception(e, POOL_SIZE, jdbcUrl,
          POOL_WAIT_MILLIS / 1000);
    }
  }

  /**
   * Opens a backing connection outside the pool, for one Rowspace connection or job to own:
   * its number is limited by the backing database only. Give it back with
   * {@link #release(Connection)}.
   *
   * @throws SQLException the backing database's own, e.g. 53300 from PostgreSQL when it allows
   *     no more connections
   */
  public Connection ownConnection() throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl, credentials);
    owned.removeIf(BackingDatabase::isClosed);
    owned.add(connection);
    return connection;
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private void closeOwned() {
    for (Connection connection : owned) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing to release the database: a connection that cannot close is broken anyway.
      }
    }
    owned.clear();
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String productName() {
    return productName;
  }

  public boolean isH2() {
    return "H2".equalsIgnoreCase(productName);
  }

  public boolean isPostgres() {
    return productName.toLowerCase(Locale.ROOT).contains("postgres");
  }

  /** How the backing database folds unquoted identifiers; Rowspace names follow the same rule. */
  public Casing unquotedCasing() {
    return unquotedCasing;
  }

  /** The schema unqualified table names resolve in. */
  public String defaultSchema() {
    return defaultSchema;
  }

  /** Folds an unquoted identifier the way the backing database does. */
  public String fold(String identifier) {
    switch (unquotedCasing) {
    case TO_UPPER:
      return identifier.toUpperCase(Locale.ROOT);
    case TO_LOWER:
      return identifier.toLowerCase(Locale.ROOT);
    default:
      return identifier;
    }
  }

  /** Type name for binary columns of the catalog. */
  public String binaryType() {
    if (isPostgres()) {
      return "BYTEA";
    }
    if (isH2()) {
      return "VARBINARY(1000000)";
    }
    return "BLOB";
  }

  /** Quotes an identifier for the backing database. */
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
