package io.rowspace.server;

import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.OptionalSslConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Avatica's HTTP server listening on one address only: Avatica's own listens on every interface
 * and has no setting for the address. With TLS, a client speaking plain HTTP to the port is
 * answered (by {@link ProtocolHandler}, which refuses it) rather than dropped: Avatica's client
 * retries a dropped request without end.
 */
final class BoundHttpServer extends HttpServer {
  private final String host;

  /**
   * @param tls the TLS settings, or null for plain HTTP
   */
  BoundHttpServer(String host, int port, AvaticaHandler handler,
      SslContextFactory.Server tls) {
    super(port, handler, null, null, tls);
    this.host = host;
  }

  /*
   * OptionalSslConnectionFactory is deprecated in Jetty 9.4 (the Jetty Avatica brings) in favour
   * of DetectorConnectionFactory; kept, as ServerTlsTest pins what a plain-HTTP client is told,
   * until Avatica moves to a Jetty where the detector is the only way.
   */
  @SuppressWarnings("deprecation")
  @Override protected ServerConnector getServerConnector() {
    ServerConnector connector = super.getServerConnector();
    connector.setHost(host);
    SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
    if (tls != null) {
      connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
          .addCustomizer(new SecureRequestCustomizer(false));
      connector.addFirstConnectionFactory(
          new OptionalSslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()));
    }
    return connector;
  }
}
