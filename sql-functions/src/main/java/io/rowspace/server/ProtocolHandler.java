package io.rowspace.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.Handler;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The server's HTTP end: Avatica's protocol (protobuf, or JSON if the server is told so) with the
 * server's authentication and without Java stack traces in its answers.
 *
 * <p>With a users file, a request is authenticated by HTTP BASIC, or, for the request opening a
 * connection, by the {@code user} and {@code password} connection properties it carries (which
 * generic Avatica clients and BI tools send). A request opening a connection with neither is
 * answered 401 with a BASIC challenge, which Avatica's client answers with its credentials; a wrong
 * password is answered with SQLSTATE 28000 (as HTTP 500, the status whose body Avatica's client
 * reads). Other requests without credentials go on to the {@link ConnectionGuard}, which lets them
 * use only connections opened with connection properties.
 *
 * <p>Avatica puts each error's Java stack traces in its answer; this handler removes them, and
 * answers a body that is no Avatica request (SQLSTATE 08P01) without reading it as one. A request
 * in the other wire format is answered in that format, with SQLSTATE 08001 naming the
 * serialization to connect with: Avatica's client could not read an answer in the server's.
 */
final class ProtocolHandler extends AbstractHandler implements AvaticaHandler {
  /** Larger requests are refused unread: no client of Rowspace sends one. */
  private static final int MAX_REQUEST_BYTES = 64 << 20;
  private static final String CONNECT_HINT = "Connect with the JDBC URL "
      + "jdbc:rowspace:remote:http://host:port (https:// with --tls-keystore).";

  private final WireFormat format;
  private final Handler<byte[]> protocol;
  private final Service service;
  private final UserAuthenticator authenticator;
  private final boolean httpsOnly;
  private volatile Service.RpcMetadataResponse address;

  /**
   * @param serialization the wire format clients must speak
   * @param authenticator the users, or null for a server without users
   * @param httpsOnly whether requests over plain HTTP are refused
   */
  ProtocolHandler(Service service, Serialization serialization, UserAuthenticator authenticator,
      boolean httpsOnly) {
    this.service = service;
    this.format = WireFormat.of(serialization);
    this.protocol = format.handler(service);
    this.authenticator = authenticator;
    this.httpsOnly = httpsOnly;
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      response.setContentType("text/plain;charset=utf-8");
      response.getOutputStream().write(("This is a Rowspace server. " + CONNECT_HINT + "\n")
          .getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (request.getContentLengthLong() > MAX_REQUEST_BYTES) {
      error(response, format, 413, "54000", "Request of " + request.getContentLengthLong()
          + " bytes is larger than the server's limit of " + MAX_REQUEST_BYTES + " bytes.");
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    }
    WireFormat spoken = format;
    Service.Request parsed = body.length > MAX_REQUEST_BYTES ? null : parse(format, body);
    if (parsed == null && body.length <= MAX_REQUEST_BYTES
        && parse(format.other(), body) != null) {
      spoken = format.other();
    }
    if (httpsOnly && !request.isSecure()) {
      error(response, spoken, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "08001", "This "
          + "Rowspace server speaks HTTPS only: connect with https:// instead of http://.");
      return;
    }
    if (spoken != format) {
      error(response, spoken, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "08001", "This "
          + "Rowspace server speaks " + format.label() + ", not " + spoken.label()
          + ": connect with serialization=" + format.label() + " (a connection property, or "
          + ";serialization=" + format.label() + " after the address in the URL).");
      return;
    }
    if (parsed == null) {
      error(response, format, HttpServletResponse.SC_BAD_REQUEST, "08P01", "Malformed "
          + "request: the body is not an Avatica " + format.label() + " request. "
          + CONNECT_HINT);
      return;
    }
    RequestUser user = null;
    if (authenticator != null) {
      String authorization = request.getHeader("Authorization");
      if (authorization != null) {
        user = basic(authorization).orElse(null);
        if (user == null) {
          wrongPassword(response);
          return;
        }
      } else if (parsed instanceof Service.OpenConnectionRequest open && open.info != null
          && open.info.containsKey("user")) {
        user = authenticate(open.info.get("user"), open.info.get("password"), true)
            .orElse(null);
        if (user == null) {
          wrongPassword(response);
          return;
        }
      } else if (parsed instanceof Service.OpenConnectionRequest) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Rowspace\", charset=\"UTF-8\"");
        error(response, format, HttpServletResponse.SC_UNAUTHORIZED, "28000", "This Rowspace "
            + "server needs a user name and password: give the connection properties user and "
            + "password.");
        return;
      }
    }
    HandlerResponse<byte[]> answer;
    try {
      answer = RequestUser.runAs(user, () -> protocol.apply(body));
    } catch (Exception e) {
      error(response, format, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "XX000",
          "The Rowspace server failed to answer: " + e.getMessage());
      return;
    }
    write(response, format, answer.getStatusCode(), withoutStackTraces(answer));
  }

  /** The request in {@code body} if it is one in {@code wire}, else null. */
  private static Service.Request parse(WireFormat wire, byte[] body) {
    try {
      return wire.parseRequest(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private Optional<RequestUser> basic(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), false);
  }

  private Optional<RequestUser> authenticate(String name, String password,
      boolean byConnectionProperties) {
    return authenticator.authenticate(name, password)
        .map(user -> new RequestUser(user.name(), user.role(), byConnectionProperties));
  }

  private void wrongPassword(HttpServletResponse response) throws IOException {
    error(response, format, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "28000", "Wrong user "
        + "name or password for this Rowspace server. Check them, or ask its administrator to add "
        + "the user (./rowspace user add NAME --role read|write|admin).");
  }

  /** Answers {@code status} with an Avatica error in {@code wire}, the client's format. */
  private void error(HttpServletResponse response, WireFormat wire, int status, String sqlState,
      String message) throws IOException {
    Service.ErrorResponse error = new Service.ErrorResponse(List.of(), message, 0, sqlState,
        AvaticaSeverity.ERROR, address);
    write(response, wire, status, wire.serialize(error));
  }

  private byte[] withoutStackTraces(HandlerResponse<byte[]> answer) throws IOException {
    if (answer.getStatusCode() == HttpServletResponse.SC_OK) {
      return answer.getResponse();
    }
    Service.Response parsed = format.parseResponse(answer.getResponse());
    if (parsed instanceof Service.ErrorResponse error && !error.exceptions.isEmpty()) {
      return format.serialize(new Service.ErrorResponse(List.of(),
          error.errorMessage, error.errorCode, error.sqlState, error.severity, error.rpcMetadata));
    }
    return answer.getResponse();
  }

  private static void write(HttpServletResponse response, WireFormat wire, int status,
      byte[] body) throws IOException {
    response.setStatus(status);
    response.setContentType(wire.contentType());
    response.getOutputStream().write(body);
  }

  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    this.address = metadata;
    service.setRpcMetadata(metadata);
    protocol.setRpcMetadata(metadata);
  }
}
