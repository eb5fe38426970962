package io.rowspace.jdbc.remote;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A {@code jdbc:rowspace:remote:http://host:port[;name=value]...} URL: the server's address and
 * the connection properties written after it, e.g. {@code ;serialization=json}.
 *
 * @param address the server's {@code http://} or {@code https://} address
 * @param properties the properties written in the URL
 */
public record RemoteUrl(String address, Properties properties) {
  /** What every remote URL starts with. */
  public static final String PREFIX = "jdbc:rowspace:remote:";

  /** Whether {@code url} is a remote Rowspace URL. */
  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /** Reads a remote URL; the message of a wrong one shows a right one. */
  public static RemoteUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw new SQLException("Not a remote Rowspace URL: " + url + ". It starts with " + PREFIX
          + ", e.g. " + PREFIX + "http://localhost:8765.", "08001");
    }
    String[] parts = url.substring(PREFIX.length()).trim().split(";");
    String address = parts[0].trim();
    String lower = address.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new SQLException("Rowspace URL " + url + " names no server. Use " + PREFIX
          + "http://host:port, e.g. " + PREFIX + "http://localhost:8765.", "08001");
    }
    Properties properties = new Properties();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      if (part.isEmpty()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw new SQLException("Rowspace URL " + url + ": '" + part + "' is not name=value. "
            + "Properties follow the address as ;name=value, e.g. ;serialization=json.",
            "08001");
      }
      properties.setProperty(part.substring(0, equals).trim(),
          part.substring(equals + 1).trim());
    }
    return new RemoteUrl(address, properties);
  }
}
