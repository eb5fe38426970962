package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.RowspaceUrl;
import io.rowspace.sql.session.SessionSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backing database's accounts a server reaches it through, one per {@link Role}: the
 * {@code admin} role uses the server's own URL and account; {@code read} and {@code write} use an
 * account of their own, not an administrator, that the server creates or updates when it starts
 * and grants only the rights of its role. So what a role may do is what the database itself allows
 * that account: a {@code read} user's {@code INSERT} or a {@code write} user's {@code FILE_READ}
 * is refused by the database, not by a list of statements the server knows.
 *
 * <p>The accounts' passwords are random, made once per process and kept in memory only.
 */
public abstract class DatabaseAccounts {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();

  private final RowspaceUrl served;

  DatabaseAccounts(RowspaceUrl served) {
    this.served = served;
  }

  /**
   * The accounts for the database {@code served} names, of H2 or PostgreSQL.
   *
   * @throws SQLException (0A000) for another database, whose rights Rowspace cannot set up
   */
  public static DatabaseAccounts of(RowspaceUrl served) throws SQLException {
    String backing = served.backingUrl();
    if (backing.startsWith("jdbc:h2:")) {
      return new H2Accounts(served);
    }
    if (backing.startsWith("jdbc:postgresql:")) {
      return new PostgresAccounts(served);
    }
    throw ErrorCode.ACCOUNTS_UNSUPPORTED.exception(backing);
  }

  /**
   * Creates the {@code read} and {@code write} accounts, or updates them: their passwords and
   * rights on every schema there is now.
   *
   * @param admin a connection with the server's own account, which must be allowed to create
   *     accounts and grant rights
   */
  public final void create(Connection admin) throws SQLException {
    for (Role role : new Role[] {Role.READ, Role.WRITE}) {
      createAccount(admin, role, password(role));
    }
  }

  /**
   * Opens a Rowspace connection as {@code role}'s account.
   *
   * @param settings Rowspace's own connection properties ({@code rowspace.*}) only
   */
  public final Connection connect(Role role, Properties settings) throws SQLException {
    if (role == Role.ADMIN) {
      return DriverManager.getConnection(served.url(), settings);
    }
    Properties info = new Properties();
    info.putAll(settings);
    // EXPORT and IMPORT read and write the server's files: admin only.
    info.setProperty(SessionSettings.FILE_ACCESS, "false");
    info.setProperty("user", account(role));
    info.setProperty("password", password(role));
    String url = RowspaceUrl.PREFIX + accountUrl().substring("jdbc:".length());
    try {
      return DriverManager.getConnection(url, info);
    } catch (SQLException e) {
      if (!"28000".equals(e.getSQLState())) {
        throw e;
      }
      // The account's password was changed from inside (an H2 user may change its own): set it
      // back with the server's account, then try once more.
      try (Connection admin = DriverManager.getConnection(served.backingUrl())) {
        createAccount(admin, role, password(role));
      }
      return DriverManager.getConnection(url, info);
    }
  }

  /** The database account of {@code role} (not ADMIN). */
  abstract String account(Role role);

  /** The backing URL the role accounts connect with: the served one without credentials. */
  abstract String accountUrl();

  abstract void createAccount(Connection admin, Role role, String password) throws SQLException;

  RowspaceUrl served() {
    return served;
  }

  private String password(Role role) {
    return PASSWORDS.computeIfAbsent(served.backingUrl() + "\u0000" + role, key -> {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      // Letters, digits, '-' and '_' only: safe inside a quoted SQL literal.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    });
  }
}
