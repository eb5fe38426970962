package io.rowspace.server;

import io.rowspace.jdbc.RowspaceUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;

/**
 * Serves Rowspace connections to one database over HTTP (Avatica's protocol, protobuf
 * serialization unless JSON is asked for). A client's connection opens a Rowspace connection to
 * {@code url} on the server and runs its statements there; the Rowspace driver's
 * {@link io.rowspace.jdbc.remote.ServerCall}s (cancel, keys and indexes) are answered by
 * {@link ServedMeta}.
 *
 * <p>With a users file, clients authenticate with HTTP BASIC: each line of the file is
 * {@code name: password, rowspace} (Jetty's properties format; the role must be
 * {@code rowspace}); the client passes {@code user} and {@code password}.
 */
public final class RowspaceServer implements AutoCloseable {
  /** The role a user needs in the users file. */
  public static final String ROLE = "rowspace";

  private final HttpServer http;

  private RowspaceServer(HttpServer http) {
    this.http = http;
  }

  /**
   * Starts serving; returns once the port accepts connections.
   *
   * @param url the {@code jdbc:rowspace:} URL of the database to serve
   * @param port the port, or 0 for any free one
   * @param users the users file, or null to serve without authentication
   */
  public static RowspaceServer start(String url, int port, Path users) throws SQLException {
    return start(url, port, users, Driver.Serialization.PROTOBUF);
  }

  /**
   * Starts serving with the given wire format; clients connect with the same
   * ({@code serialization=json} in the URL or properties for JSON).
   *
   * @see #start(String, int, Path)
   */
  public static RowspaceServer start(String url, int port, Path users,
      Driver.Serialization serialization) throws SQLException {
    if (!RowspaceUrl.accepts(url) || RowspaceUrl.parse(url).isRemote()) {
      throw new SQLException("A Rowspace server serves a database: give a jdbc:rowspace: URL "
          + "of one (e.g. jdbc:rowspace:h2:./data/shop), not " + url + ".", "08001");
    }
    if (users != null && !Files.isReadable(users)) {
      throw new SQLException("Users file " + users + " cannot be read. Give a file with lines "
          + "'name: password, " + ROLE + "'.", "28000");
    }
    // Fails here, not at the first client, if the database cannot be opened.
    DriverManager.getConnection(url).close();
    JdbcMeta meta = new ServedMeta(url, new Properties());
    HttpServer.Builder<Object> builder = HttpServer.Builder.newBuilder()
        .withHandler(new LocalService(ErrorStates.keepingStates(meta)),
            serialization)
        .withPort(port);
    if (users != null) {
      builder = builder.withBasicAuthentication(users.toAbsolutePath().toString(),
          new String[] {ROLE});
    }
    HttpServer http = builder.build();
    try {
      http.start();
    } catch (RuntimeException e) {
      throw new SQLException("Cannot serve on port " + port + ": " + e.getMessage()
          + ". Is another server using it? Choose another with --port.", "08001", e);
    }
    return new RowspaceServer(http);
  }

  /** The port the server listens on. */
  public int port() {
    return http.getPort();
  }

  /** The URL clients connect with. */
  public String clientUrl(String host) {
    return RowspaceUrl.PREFIX + "remote:http://" + host + ":" + port();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    http.join();
  }

  @Override public void close() {
    http.stop();
  }
}
