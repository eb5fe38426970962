package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.backing.DurableH2Settings;
import java.sql.SQLException;

/**
 * A {@code jdbc:rowspace:} URL and the backing database's URL it stands for (SPEC section 2).
 * An embedded H2 file URL gets {@link DurableH2Settings} added.
 */
public record RowspaceUrl(String url, String backingUrl) {
  public static final String PREFIX = "jdbc:rowspace:";
  /** The embedded database of a bare {@code jdbc:rowspace:}. */
  public static final String DEFAULT_BACKING_URL = "jdbc:h2:./rowspace-data/rowspace";
  private static final String REMOTE = "remote:";

  /**
   * Whether the URL names a Rowspace server ({@code jdbc:rowspace:remote:http://host:port});
   * its {@link #backingUrl} is then the server's HTTP address.
   */
  public boolean isRemote() {
    return url.startsWith(PREFIX + REMOTE);
  }

  /**
   * The backing URL as the Rowspace URL writes it, without the {@link DurableH2Settings} Rowspace
   * adds (for a remote URL, the server's address).
   */
  public String writtenBackingUrl() {
    String rest = url.substring(PREFIX.length()).trim();
    if (rest.isEmpty()) {
      return DEFAULT_BACKING_URL;
    }
    return isRemote() ? backingUrl : "jdbc:" + rest;
  }

  /** This URL standing for {@code otherBackingUrl} instead. */
  public RowspaceUrl withBackingUrl(String otherBackingUrl) {
    return new RowspaceUrl(url, otherBackingUrl);
  }

  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  public static RowspaceUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw ErrorCode.NOT_A_ROWSPACE_URL.exception(url, PREFIX);
    }
    String rest = url.substring(PREFIX.length()).trim();
    if (rest.isEmpty()) {
      return new RowspaceUrl(url, DurableH2Settings.apply(DEFAULT_BACKING_URL));
    }
    if (rest.startsWith(REMOTE)) {
      String server = rest.substring(REMOTE.length());
      if (!server.startsWith("http://") && !server.startsWith("https://")) {
        throw ErrorCode.URL_WITHOUT_SERVER.exception(url);
      }
      return new RowspaceUrl(url, server);
    }
    if (!rest.contains(":")) {
      throw ErrorCode.URL_WITHOUT_DATABASE.exception(url);
    }
    return new RowspaceUrl(url, DurableH2Settings.apply("jdbc:" + rest));
  }
}
