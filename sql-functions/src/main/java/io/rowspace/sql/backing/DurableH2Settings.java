package io.rowspace.sql.backing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings Rowspace adds to an embedded H2 file URL so that a committed statement survives
 * the process being killed ({@code kill -9}) at any moment: see {@code docs/h2-durability.md}.
 *
 * <p>{@code WRITE_DELAY=0}: H2's MVStore does not write a commit to the file when the commit
 * returns, but up to {@code WRITE_DELAY} milliseconds later (500 by default) from a background
 * thread, unless the transaction was large. A small commit (a catalog row turning {@code READY}, a
 * user's {@code INSERT}) is then lost by a kill within that window. With {@code 0} every commit
 * is written to the file before it returns, which is what survives a killed process (the
 * operating system keeps the written pages).
 *
 * <p>{@code REUSE_SPACE=FALSE}: with space reuse, H2 writes a new chunk into a gap freed earlier
 * in the file, while the file header still points at an older chunk; a kill before the header is
 * rewritten leaves chunks that recovery, which follows the chain from the header, does not reach,
 * and committed transactions in them are gone (or, in H2 2.5.252, come and go between opens).
 * Appending every chunk at the end keeps the newest chunk where recovery finds it. The price is a
 * file that grows with every rewrite of model weights until {@code SHUTDOWN COMPACT}.
 *
 * <p>Settings the user wrote into the URL win: a setting is added only if the URL does not name
 * it. In-memory, remote ({@code tcp:}, {@code ssl:}) and read-only ({@code zip:}) H2 URLs, and
 * URLs of other databases, are left as they are.
 *
 * <p>H2 runs a URL's settings as {@code SET} commands at every connection, and only an
 * administrator may run these two: an account that is not one (a user's own H2 user, the role
 * accounts of a Rowspace server) connects with the URL as written ({@link #forAccount}). The
 * settings belong to the database, not the session, so such a connection gets them from whoever
 * opened the database in this process; if it opens the database itself, it runs with H2's own.
 */
public final class DurableH2Settings {
  private static final String H2 = "jdbc:h2:";
  /** H2's {@code ErrorCode.ADMIN_RIGHTS_REQUIRED}. */
  private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;
  private static final String[][] SETTINGS = {{"WRITE_DELAY", "0"}, {"REUSE_SPACE", "FALSE"}};
  private static final String[] NOT_A_LOCAL_FILE = {"mem:", "tcp:", "ssl:", "zip:"};

  private DurableH2Settings() {
  }

  /**
   * Returns the URL with the durable settings added, if it is an embedded H2 file URL.
   *
   * @param jdbcUrl a backing database URL, e.g. {@code jdbc:h2:./rowspace-data/rowspace}
   */
  public static String apply(String jdbcUrl) {
    if (!isEmbeddedFile(jdbcUrl)) {
      return jdbcUrl;
    }
    StringBuilder url = new StringBuilder(jdbcUrl);
    for (String[] setting : SETTINGS) {
      if (!names(jdbcUrl, setting[0])) {
        url.append(';').append(setting[0]).append('=').append(setting[1]);
      }
    }
    return url.toString();
  }

  /**
   * The URL to open for the account in {@code info}: {@code durable} (the URL with these settings
   * added), unless H2 refuses them because the account is no administrator, then {@code written}.
   * The same open checks the file ({@link DamagedDatabaseFile#check}), so a connection costs one
   * extra H2 session, not two. Any other failure is left for the caller's own connection to report.
   *
   * @throws SQLException (XX001) if H2 says the database file is damaged
   */
  public static String forAccount(String durable, String written, Properties info) throws SQLException {
    if (durable.equals(written) || !isEmbeddedFile(durable)) {
      DamagedDatabaseFile.check(durable, info);
      return durable;
    }
    Properties credentials = new Properties();
    for (String key : new String[] {"user", "password"}) {
      if (info.getProperty(key) != null) {
        credentials.setProperty(key, info.getProperty(key));
      }
    }
    try {
      DriverManager.getConnection(durable, credentials).close();
      return durable;
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
        DamagedDatabaseFile.check(written, info);
        return written;
      }
      Optional<SQLException> damaged = DamagedDatabaseFile.explain(durable, e);
      if (damaged.isPresent()) {
        throw damaged.get();
      }
      return durable;
    }
  }

  /** Whether the URL opens an H2 database file in this process. */
  static boolean isEmbeddedFile(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, H2, 0, H2.length())) {
      return false;
    }
    String database = jdbcUrl.substring(H2.length()).toLowerCase(Locale.ROOT);
    for (String prefix : NOT_A_LOCAL_FILE) {
      if (database.startsWith(prefix)) {
        return false;
      }
    }
    return !database.isBlank() && !database.startsWith(";");
  }

  private static boolean names(String jdbcUrl, String setting) {
    String[] parts = jdbcUrl.split(";");
    for (int i = 1; i < parts.length; i++) {
      String name = parts[i].split("=", 2)[0].strip();
      if (name.equalsIgnoreCase(setting)) {
        return true;
      }
    }
    return false;
  }
}
