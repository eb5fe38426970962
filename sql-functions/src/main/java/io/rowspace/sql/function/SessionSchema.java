package io.rowspace.sql.function;

import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The Rowspace session of a Calcite connection, held as a schema without tables in the
 * connection's root schema. Code that Calcite generates for a statement reaches it through the
 * statement's {@link DataContext} (whose root schema is the connection's), so a model call
 * evaluated row by row finds its session without a registry of open sessions.
 */
final class SessionSchema extends AbstractSchema {
  /** The name in the root schema; not a name the backing database's schemas can take. */
  static final String NAME = "ROWSPACE$SESSION";

  private final RowspaceSession session;

  SessionSchema(RowspaceSession session) {
    this.session = session;
  }

  /** The session of the connection that runs the statement of {@code context}. */
  static RowspaceSession of(DataContext context) throws SQLException {
    SchemaPlus root = context.getRootSchema();
    SchemaPlus schema = root == null ? null : root.subSchemas().get(NAME);
    SessionSchema held = schema == null ? null : schema.unwrap(SessionSchema.class);
    if (held == null) {
      throw RowspaceErrors.internal("The statement runs outside the Rowspace connection that "
          + "planned it.", null);
    }
    return held.session;
  }
}
