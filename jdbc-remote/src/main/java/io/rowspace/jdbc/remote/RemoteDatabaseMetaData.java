package io.rowspace.jdbc.remote;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;

/**
 * The served database as a BI tool sees it through the Rowspace driver: its own product name and
 * version (Avatica's driver says "Avatica"), so the tool picks the right SQL dialect, and its
 * primary keys, foreign keys and indexes (Avatica's protocol has no request for them), read from
 * the server by {@link ServerCall#METADATA}. Tables, columns and the rest come through Avatica.
 */
final class RemoteDatabaseMetaData extends AvaticaDatabaseMetaData {
  private final RemoteConnection connection;

  RemoteDatabaseMetaData(RemoteConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override public String getDatabaseProductName() {
    return connection.serverProperty(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, String.class);
  }

  @Override public String getDatabaseProductVersion() {
    return connection.serverProperty(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION,
        String.class);
  }

  @Override public int getDatabaseMajorVersion() {
    return connection.serverProperty(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, Integer.class);
  }

  @Override public int getDatabaseMinorVersion() {
    return connection.serverProperty(DatabaseProperty.GET_DATABASE_MINOR_VERSION, Integer.class);
  }

  @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table)
      throws SQLException {
    return connection.serverMetadata("getPrimaryKeys", catalog, schema, table);
  }

  @Override public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return connection.serverMetadata("getImportedKeys", catalog, schema, table);
  }

  @Override public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return connection.serverMetadata("getExportedKeys", catalog, schema, table);
  }

  @Override public ResultSet getCrossReference(String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable)
      throws SQLException {
    return connection.serverMetadata("getCrossReference", parentCatalog, parentSchema,
        parentTable, foreignCatalog, foreignSchema, foreignTable);
  }

  @Override public ResultSet getIndexInfo(String catalog, String schema, String table,
      boolean unique, boolean approximate) throws SQLException {
    return connection.serverMetadata("getIndexInfo", catalog, schema, table, unique,
        approximate);
  }
}
