package io.rowspace.jdbc.remote;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;

/**
 * The thin Rowspace driver, for {@code jdbc:rowspace:remote:http://host:port} only: a Rowspace
 * server ({@code ./rowspace serve}) over Avatica's protocol. The one class a BI tool is given
 * with {@code rowspace-jdbc-VERSION.jar}; {@link java.sql.DriverManager} also finds it through
 * the service file.
 *
 * <p>Properties: {@code user} and {@code password} authenticate with the server (HTTP BASIC);
 * {@code serialization} ({@code protobuf}, the default, or {@code json}) must match the server's
 * {@code --serialization}; Avatica's own client properties pass through, e.g.
 * {@code http_response_timeout} in milliseconds (default 0: a statement may run as long as it
 * needs, where Avatica gives up after 3 minutes); {@code rowspace.*} settings go to the server's
 * connection. Properties may also follow the address in the URL, as {@code ;name=value}.
 */
public final class RemoteDriver extends Driver {
  private static final String AVATICA_JDBC41_FACTORY =
      "org.apache.calcite.avatica.AvaticaJdbc41Factory";

  static {
    new RemoteDriver().register();
  }

  @Override protected String getConnectStringPrefix() {
    return RemoteUrl.PREFIX;
  }

  @Override protected AvaticaFactory createFactory() {
    return new RemoteFactory(instantiateFactory(AVATICA_JDBC41_FACTORY));
  }

  @Override protected DriverVersion createDriverVersion() {
    String version = RemoteDriver.class.getPackage().getImplementationVersion();
    String shown = version == null ? "development" : version;
    // The database's own name and version come from the server (RemoteDatabaseMetaData).
    return new DriverVersion("Rowspace remote JDBC driver", shown, "Rowspace", shown, false,
        0, 1, 0, 1);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!RemoteUrl.accepts(url)) {
      return null;
    }
    RemoteUrl remote = RemoteUrl.parse(url);
    Properties properties = avaticaProperties(remote, info);
    try {
      return super.connect(RemoteUrl.PREFIX + "url=" + remote.address(), properties);
    } catch (SQLException | RuntimeException e) {
      throw ConnectFailure.explain(remote.address(), properties, e);
    }
  }

  /**
   * What Avatica's driver is given: the caller's properties and those of the URL, with the user
   * and password turned into the server's HTTP BASIC credentials (the server opens the database
   * with its own, and a database would reject them), PROTOBUF unless told otherwise, and no HTTP
   * read timeout unless one is given; and that the driver reads the values the server carries
   * as text ({@link CarriedValue}).
   */
  static Properties avaticaProperties(RemoteUrl remote, Properties info) {
    Properties properties = new Properties();
    if (info != null) {
      properties.putAll(info);
    }
    properties.putAll(remote.properties());
    String user = (String) properties.remove("user");
    String password = (String) properties.remove("password");
    if (user != null && !user.isEmpty()) {
      properties.putIfAbsent("authentication", "BASIC");
      properties.setProperty("avatica_user", user);
      properties.setProperty("avatica_password", password == null ? "" : password);
    }
    String serialization = properties.getProperty("serialization", "PROTOBUF");
    properties.setProperty("serialization", serialization.toUpperCase(Locale.ROOT));
    properties.putIfAbsent("http_response_timeout", "0");
    properties.setProperty(CarriedValue.PROPERTY, CarriedValue.CARRIED);
    return properties;
  }
}
