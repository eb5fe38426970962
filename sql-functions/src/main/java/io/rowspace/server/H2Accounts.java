package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.RowspaceUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The role accounts in H2: users {@code ROWSPACE_READER} and {@code ROWSPACE_WRITER}, not
 * administrators, with {@code SELECT} (and for the writer {@code INSERT}, {@code UPDATE},
 * {@code DELETE}) on each schema. H2 keeps everything that reaches files, Java code or other
 * databases for administrators ({@code FILE_READ}, {@code CSVREAD}, {@code CSVWRITE},
 * {@code CREATE ALIAS}, {@code CREATE TRIGGER}, {@code RUNSCRIPT}, {@code SCRIPT TO},
 * {@code BACKUP TO}, {@code LINK_SCHEMA}, {@code CREATE LINKED TABLE}, {@code SHUTDOWN}, database
 * {@code SET}s), and creating or dropping tables for schema owners; so neither account can.
 *
 * <p>The accounts connect with the database part of the served URL and {@code IFEXISTS=TRUE}: the
 * URL's other settings run as {@code SET} commands at each connection, which only an administrator
 * may run, and were applied when the server's own account opened the database.
 */
final class H2Accounts extends DatabaseAccounts {
  /** URL settings that only say how to reach the database file, kept for the role accounts. */
  private static final Set<String> REACHING = Set.of("AUTO_SERVER", "AUTO_SERVER_PORT",
      "AUTO_RECONNECT", "FILE_LOCK", "ACCESS_MODE_DATA");

  H2Accounts(RowspaceUrl served) throws SQLException {
    super(served);
    String database = served.backingUrl().split(";", 2)[0];
    if (database.equals("jdbc:h2:mem:") || database.equals("jdbc:h2:mem")) {
      throw ErrorCode.UNNAMED_MEMORY_DATABASE.exception(served.backingUrl());
    }
  }

  @Override String account(Role role) {
    return role == Role.READ ? "ROWSPACE_READER" : "ROWSPACE_WRITER";
  }

  @Override String accountUrl() {
    String[] parts = served().backingUrl().split(";");
    StringBuilder url = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String key = parts[i].split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
      if (REACHING.contains(key)) {
        url.append(';').append(parts[i]);
      }
    }
    return url.append(";IFEXISTS=TRUE").toString();
  }

  @Override void createAccount(Connection admin, Role role, String password)
      throws SQLException {
    String user = account(role);
    try (Statement statement = admin.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS "
          + "WHERE USER_NAME = CURRENT_USER")) {
        if (!rs.next() || !rs.getBoolean(1)) {
          throw ErrorCode.NOT_H2_ADMINISTRATOR.exception();
        }
      }
      statement.execute("CREATE USER IF NOT EXISTS " + user + " PASSWORD '" + password + "'");
      statement.execute("ALTER USER " + user + " SET PASSWORD '" + password + "'");
      statement.execute("ALTER USER " + user + " ADMIN FALSE");
      String rights = role == Role.READ ? "SELECT" : "SELECT, INSERT, UPDATE, DELETE";
      for (String schema : schemas(statement)) {
        statement.execute("GRANT " + rights + " ON SCHEMA " + quote(schema) + " TO " + user);
      }
    }
  }

  private static List<String> schemas(Statement statement) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("SELECT SCHEMA_NAME FROM "
        + "INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME <> 'INFORMATION_SCHEMA'")) {
      while (rs.next()) {
        schemas.add(rs.getString(1));
      }
    }
    return schemas;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
