package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.RowspaceUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The role accounts in PostgreSQL: login roles {@code rowspace_<database>_reader} and
 * {@code ..._writer}, neither superuser nor able to create roles or databases, with {@code USAGE}
 * on each schema and {@code SELECT} (the writer also {@code INSERT}, {@code UPDATE},
 * {@code DELETE} and its sequences) on its tables, now and, through default privileges, on tables
 * the server's account creates later. PostgreSQL keeps server files ({@code pg_read_file},
 * {@code COPY ... FROM/TO} a file or program, {@code lo_import}) for superusers and the
 * {@code pg_read_server_files}/{@code pg_write_server_files}/{@code pg_execute_server_program}
 * roles, and functions in untrusted languages for superusers; neither account has those.
 *
 * <p>The names carry the database's so servers of two databases of one cluster do not reset each
 * other's passwords. The server's account must be a superuser or have {@code CREATEROLE}.
 */
final class PostgresAccounts extends DatabaseAccounts {
  private String database;

  PostgresAccounts(RowspaceUrl served) {
    super(served);
  }

  @Override String account(Role role) {
    String base = "rowspace_" + (database == null ? "db" : database).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_]", "_");
    base = base.substring(0, Math.min(base.length(), 50));
    return base + (role == Role.READ ? "_reader" : "_writer");
  }

  /** The served URL without the {@code user} and {@code password} parameters. */
  @Override String accountUrl() {
    String url = served().backingUrl();
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    StringBuilder kept = new StringBuilder(url.substring(0, query));
    char separator = '?';
    for (String parameter : url.substring(query + 1).split("&")) {
      String key = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!key.equals("user") && !key.equals("password") && !parameter.isEmpty()) {
        kept.append(separator).append(parameter);
        separator = '&';
      }
    }
    return kept.toString();
  }

  @Override void createAccount(Connection admin, Role role, String password)
      throws SQLException {
    try (Statement statement = admin.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT current_database(), rolsuper OR "
          + "rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
        if (!rs.next() || !rs.getBoolean(2)) {
          throw ErrorCode.NOT_POSTGRES_ROLE_CREATOR.exception();
        }
        database = rs.getString(1);
      }
      String name = account(role);
      boolean exists;
      try (PreparedStatement find = admin.prepareStatement(
          "SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        find.setString(1, name);
        try (ResultSet rs = find.executeQuery()) {
          exists = rs.next();
        }
      }
      String attributes = " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
          + "NOBYPASSRLS PASSWORD '" + password + "'";
      statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + name + attributes);
      statement.execute("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + name);
      String tables = role == Role.READ ? "SELECT" : "SELECT, INSERT, UPDATE, DELETE";
      for (String schema : schemas(statement)) {
        String quoted = quote(schema);
        statement.execute("GRANT USAGE ON SCHEMA " + quoted + " TO " + name);
        statement.execute("GRANT " + tables + " ON ALL TABLES IN SCHEMA " + quoted + " TO "
            + name);
        statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + quoted + " GRANT " + tables
            + " ON TABLES TO " + name);
        if (role == Role.WRITE) {
          statement.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + quoted
              + " TO " + name);
          statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + quoted
              + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + name);
        }
      }
    }
  }

  private static List<String> schemas(Statement statement) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname "
        + "NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'")) {
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
