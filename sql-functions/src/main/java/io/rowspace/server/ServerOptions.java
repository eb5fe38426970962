package io.rowspace.server;

import java.nio.file.Path;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * How a Rowspace server serves: the database, the address, the users, TLS and the wire format.
 *
 * @param url the {@code jdbc:rowspace:} URL of the database to serve
 * @param host the address to listen on; {@link #LOOPBACK} unless given
 * @param port the port, or 0 for any free one
 * @param users the users file, or null to serve clients of this machine without a password
 * @param tlsKeystore a keystore (PKCS12 or JKS) with the server's key and certificate, or null to
 *     serve plain HTTP
 * @param tlsPassword the keystore's password
 * @param serialization Avatica's wire format, {@code PROTOBUF} unless given; clients must use the
 *     same ({@code serialization=json} in their URL or properties for {@code JSON})
 */
public record ServerOptions(String url, String host, int port, Path users, Path tlsKeystore,
    String tlsPassword, Serialization serialization) {
  /** The address a server listens on unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";
  /** The default port of {@code ./rowspace serve}. */
  public static final int DEFAULT_PORT = 8765;

  /** Serving {@code url} on the loopback's default port, without users or TLS, in protobuf. */
  public static ServerOptions serving(String url) {
    return new ServerOptions(url, LOOPBACK, DEFAULT_PORT, null, null, null,
        Serialization.PROTOBUF);
  }

  public ServerOptions withUrl(String newUrl) {
    return new ServerOptions(newUrl, host, port, users, tlsKeystore, tlsPassword, serialization);
  }

  public ServerOptions withHost(String newHost) {
    return new ServerOptions(url, newHost, port, users, tlsKeystore, tlsPassword, serialization);
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(url, host, newPort, users, tlsKeystore, tlsPassword, serialization);
  }

  public ServerOptions withUsers(Path file) {
    return new ServerOptions(url, host, port, file, tlsKeystore, tlsPassword, serialization);
  }

  public ServerOptions withTls(Path keystore, String password) {
    return new ServerOptions(url, host, port, users, keystore, password, serialization);
  }

  public ServerOptions withSerialization(Serialization format) {
    return new ServerOptions(url, host, port, users, tlsKeystore, tlsPassword, format);
  }
}
