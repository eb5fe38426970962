package io.rowspace.server;

import io.rowspace.sql.error.RowspaceErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The server's meta: {@link ServedMeta} (Avatica's JDBC meta answering the Rowspace driver's
 * server calls) opening each remote connection as the database account of its user's role, so
 * statements and server calls alike run with that account's rights. The {@link ConnectionGuard}
 * decides the role and passes it, with the client's Rowspace settings and nothing else the client
 * sent, under {@link #ROLE}.
 */
final class RoleMeta extends ServedMeta {
  /** The connection property the role travels in; never one a client's reaches this meta with. */
  static final String ROLE = "rowspace.server.role";

  private final DatabaseAccounts accounts;

  RoleMeta(String url, DatabaseAccounts accounts) throws SQLException {
    super(url);
    this.accounts = accounts;
  }

  @Override protected Connection createConnection(String url, Properties info)
      throws SQLException {
    Properties settings = new Properties();
    settings.putAll(info);
    Object role = settings.remove(ROLE);
    if (role == null) {
      throw RowspaceErrors.internal("The Rowspace server opened a connection for no role.", null);
    }
    return accounts.connect(Role.valueOf(role.toString()), settings);
  }
}
