package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.RowspaceUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Serves Rowspace connections to one database over HTTP or HTTPS (Avatica's protocol, protobuf
 * serialization unless JSON is asked for). A client's connection opens a Rowspace connection to
 * the database on the server, as the database account of the client's role
 * ({@link DatabaseAccounts}), and runs its statements there; the Rowspace driver's
 * {@link io.rowspace.jdbc.remote.ServerCall}s (cancel, keys and indexes) are answered on that
 * connection ({@link ServedMeta}).
 *
 * <p>Safe by default: it listens on the loopback unless given another address, and refuses one
 * beyond the loopback without a users file. With a users file ({@link UsersFile}, written by
 * {@code ./rowspace user add}), clients authenticate with {@code user} and {@code password} and
 * get their user's role; without one, clients of this machine connect without a password and get
 * role {@code write}.
 */
public final class RowspaceServer implements AutoCloseable {
  private final HttpServer http;
  private final ServerOptions options;
  private final Connection admin;

  private RowspaceServer(HttpServer http, ServerOptions options, Connection admin) {
    this.http = http;
    this.options = options;
    this.admin = admin;
  }

  /**
   * Starts serving {@code url} on the loopback; returns once the port accepts connections.
   *
   * @param port the port, or 0 for any free one
   * @param users the users file, or null to serve without authentication
   */
  public static RowspaceServer start(String url, int port, Path users) throws SQLException {
    return start(ServerOptions.serving(url).withPort(port).withUsers(users));
  }

  /** Starts serving; returns once the port accepts connections. */
  public static RowspaceServer start(ServerOptions options) throws SQLException {
    String url = options.url();
    if (!RowspaceUrl.accepts(url) || RowspaceUrl.parse(url).isRemote()) {
      throw ErrorCode.NOT_A_SERVED_URL.exception(url);
    }
    checkAddress(options);
    UserAuthenticator authenticator = options.users() == null ? null
        : UserAuthenticator.of(options.users());
    SslContextFactory.Server tls = tls(options);
    DatabaseAccounts accounts = DatabaseAccounts.of(RowspaceUrl.parse(url));
    // Opening the database here fails now, not at the first client, if it cannot be opened; it
    // creates the catalog, and this connection stays open so the database does.
    Connection admin = DriverManager.getConnection(url);
    try {
      accounts.create(admin);
      RoleMeta meta = new RoleMeta(url, accounts);
      LocalService service = new LocalService(
          ErrorStates.keepingStates(ConnectionGuard.guarding(meta, authenticator != null)));
      HttpServer http = new BoundHttpServer(options.host(), options.port(),
          new ProtocolHandler(service, options.serialization(), authenticator, tls != null),
          tls);
      try {
        http.start();
      } catch (RuntimeException e) {
        throw ErrorCode.CANNOT_SERVE.exception(e, options.host(), options.port(), rootMessage(e),
            tls == null ? "." : ", or check the TLS keystore and its password.");
      }
      return new RowspaceServer(http, options, admin);
    } catch (SQLException | RuntimeException e) {
      admin.close();
      throw e;
    }
  }

  /** Refuses an address beyond the loopback without users: anyone reaching it could connect. */
  private static void checkAddress(ServerOptions options) throws SQLException {
    InetAddress address;
    try {
      address = InetAddress.getByName(options.host());
    } catch (UnknownHostException e) {
      throw ErrorCode.NO_SUCH_ADDRESS.exception(e, options.host());
    }
    if (!address.isLoopbackAddress() && options.users() == null) {
      throw ErrorCode.OPEN_WITHOUT_USERS.exception(options.host());
    }
  }

  private static SslContextFactory.Server tls(ServerOptions options) throws SQLException {
    Path keystore = options.tlsKeystore();
    if (keystore == null) {
      return null;
    }
    if (!Files.isReadable(keystore)) {
      throw ErrorCode.KEYSTORE_UNREADABLE.exception(keystore);
    }
    if (options.tlsPassword() == null) {
      throw ErrorCode.KEYSTORE_PASSWORD_NEEDED.exception(keystore);
    }
    return HttpServer.Builder.newBuilder()
        .withTLS(keystore.toFile(), options.tlsPassword(), keystore.toFile(),
            options.tlsPassword())
        .buildSSLContextFactory();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The port the server listens on. */
  public int port() {
    return http.getPort();
  }

  /** The URL clients connect with. */
  public String clientUrl(String host) {
    return RowspaceUrl.PREFIX + "remote:" + (options.tlsKeystore() == null ? "http" : "https")
        + "://" + host + ":" + port();
  }

  /** The URL clients connect with, naming the address the server listens on. */
  public String clientUrl() {
    String host = options.host();
    return clientUrl(host.contains(":") ? "[" + host + "]" : host);
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    http.join();
  }

  @Override public void close() {
    try {
      http.stop();
    } finally {
      try {
        admin.close();
      } catch (SQLException e) {
        // The database is closing with the server; nothing is left to release.
      }
    }
  }
}
