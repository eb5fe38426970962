package io.rowspace.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.calcite.avatica.util.Casing;

/**
 * The database behind a Rowspace URL: a HikariCP pool shared by every connection of this JVM that
 * uses the same URL and user, plus what Rowspace needs to know of its dialect.
 */
public final class BackingDatabase {
  private static final Map<String, BackingDatabase> OPEN = new ConcurrentHashMap<>();

  private final String jdbcUrl;
  private final HikariDataSource pool;
  private final String productName;
  private final Casing unquotedCasing;
  private final String defaultSchema;

  private BackingDatabase(String jdbcUrl, HikariDataSource pool) throws SQLException {
    this.jdbcUrl = jdbcUrl;
    this.pool = pool;
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
      config.setMaximumPoolSize(16);
      config.setPoolName("rowspace-" + Integer.toHexString(Objects.hash(key)));
      config.setInitializationFailTimeout(-1);
      HikariDataSource pool;
      try {
        pool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new SQLException("Cannot open backing database " + jdbcUrl + ": " + e.getMessage(),
            "08001", e);
      }
      BackingDatabase database;
      try {
        database = new BackingDatabase(jdbcUrl, pool);
      } catch (SQLException e) {
        pool.close();
        throw e;
      }
      OPEN.put(key, database);
      return database;
    }
  }

  /**
   * Closes the pools of one backing database, e.g. to release an embedded database file to
   * another process. Connections still open through them fail from then on. The URL may be given
   * with or without the {@link DurableH2Settings} Rowspace adds.
   */
  public static void close(String jdbcUrl) {
    String durable = DurableH2Settings.apply(jdbcUrl);
    synchronized (OPEN) {
      OPEN.entrySet().removeIf(entry -> {
        if (entry.getValue().jdbcUrl.equals(jdbcUrl) || entry.getValue().jdbcUrl.equals(durable)) {
          entry.getValue().pool.close();
          return true;
        }
        return false;
      });
    }
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  public DataSource dataSource() {
    return pool;
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
