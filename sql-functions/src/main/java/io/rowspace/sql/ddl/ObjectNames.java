package io.rowspace.sql.ddl;

import io.rowspace.error.ErrorCode;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Resolves the names a statement uses. The parser has already folded unquoted identifiers the way
 * the backing database does, so names are compared exactly.
 */
final class ObjectNames {
  private ObjectNames() {
  }

  /**
   * Longest name of a space, predictor or target column the catalog holds (its VARCHAR(256)
   * columns); longer names are refused before any training.
   */
  static final int MAX_NAME_LENGTH = 256;

  /** The name of a space or predictor (or target column): one identifier. */
  static String modelName(SqlIdentifier identifier, String kind) throws SQLException {
    if (!identifier.isSimple()) {
      throw ErrorCode.MODEL_NAME_QUALIFIED.exception(kind, identifier);
    }
    return identifier.getSimple();
  }

  /** {@link #modelName} for a name to be stored: at most {@link #MAX_NAME_LENGTH} characters. */
  static String newModelName(SqlIdentifier identifier, String kind) throws SQLException {
    String name = modelName(identifier, kind);
    if (name.length() > MAX_NAME_LENGTH) {
      throw RowspaceErrors.nameTooLong(kind, name, MAX_NAME_LENGTH);
    }
    return name;
  }

  static SchemaReader schemaReader(RowspaceSession session, Connection connection) {
    return new SchemaReader(connection, session.database().defaultSchema(), session.dialect());
  }

  /** Finds a table named {@code [schema.]table}, or fails with 42S02 listing the tables. */
  static TableInfo table(RowspaceSession session, Connection connection, SqlIdentifier identifier)
      throws SQLException {
    SchemaReader reader = schemaReader(session, connection);
    String schema = identifier.names.size() > 1
        ? identifier.names.get(identifier.names.size() - 2) : null;
    String table = identifier.names.get(identifier.names.size() - 1);
    return reader.findTable(schema, table).orElseThrow(() -> {
      try {
        return RowspaceErrors.unknownTable(identifier.toString(), reader.tableNames());
      } catch (SQLException e) {
        return e;
      }
    });
  }

  /** Finds a table by the schema and name stored in the catalog. */
  static TableInfo storedTable(RowspaceSession session, Connection connection, String schema,
      String table) throws SQLException {
    SchemaReader reader = schemaReader(session, connection);
    return reader.findTable(schema, table).orElseThrow(() -> {
      try {
        return RowspaceErrors.unknownTable(table, reader.tableNames());
      } catch (SQLException e) {
        return e;
      }
    });
  }
}
