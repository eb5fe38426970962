package io.rowspace.jdbc.remote;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Creates the driver's JDBC objects: Rowspace's connection, statement and metadata, result sets
 * that read the values the server carries as text ({@link RemoteResultSet}), and Avatica's own
 * prepared statements, result sets and result set metadata.
 */
final class RemoteFactory implements AvaticaFactory {
  private final AvaticaFactory avatica;

  RemoteFactory(AvaticaFactory avatica) {
    this.avatica = avatica;
  }

  @Override public int getJdbcMajorVersion() {
    return avatica.getJdbcMajorVersion();
  }

  @Override public int getJdbcMinorVersion() {
    return avatica.getJdbcMinorVersion();
  }

  @Override public AvaticaConnection newConnection(UnregisteredDriver driver,
      AvaticaFactory factory, String url, Properties info) {
    return new RemoteConnection(driver, factory, url, info);
  }

  @Override public AvaticaStatement newStatement(AvaticaConnection connection,
      Meta.StatementHandle handle, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) {
    return new RemoteStatement(connection, handle, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.StatementHandle handle, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return avatica.newPreparedStatement(connection, handle, signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    RemoteResultSet carrying = RemoteResultSet.of(statement, state, signature,
        avatica.newResultSetMetaData(statement, signature), timeZone, firstFrame);
    return carrying != null ? carrying
        : avatica.newResultSet(statement, state, signature, timeZone, firstFrame);
  }

  @Override public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(
      AvaticaConnection connection) {
    return new RemoteDatabaseMetaData((RemoteConnection) connection);
  }

  @Override public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement,
      Meta.Signature signature) throws SQLException {
    return avatica.newResultSetMetaData(statement, signature);
  }
}
