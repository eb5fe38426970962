package io.rowspace.server;

import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Avatica's HTTP server listening on one address only: Avatica's own listens on every interface
 * and has no setting for the address.
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

  @Override protected ServerConnector getServerConnector() {
    ServerConnector connector = super.getServerConnector();
    connector.setHost(host);
    return connector;
  }
}
