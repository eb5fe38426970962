package io.rowspace.sql.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * The kept versions of the catalog's models ({@code ROWSPACE.MODEL_VERSIONS}, rules in
 * {@link ModelVersions}) as statements use them: list, number the next, roll back.
 */
public final class VersionStore {
  private final CatalogConnections connections;
  private final int keep;

  VersionStore(CatalogConnections connections, int keep) {
    this.connections = connections;
    this.keep = keep;
  }

  /** The kept versions of a model, oldest first (none for a model stored before they were). */
  public List<ModelVersion> list(ModelKind kind, String name) throws SQLException {
    return connections.using(connection -> ModelVersions.list(connection, kind, name));
  }

  /** The number the next version of a model gets (1 for a new one). */
  public int next(ModelKind kind, String name) throws SQLException {
    return connections.using(connection -> ModelVersions.nextVersion(connection, kind, name));
  }

  /**
   * Makes a kept version of a model current, atomically ({@link ModelVersions#makeCurrent}).
   * The caller has checked that the version is kept.
   */
  public void rollback(ModelKind kind, String name, int version) throws SQLException {
    connections.inTransaction(connection ->
        ModelVersions.makeCurrent(connection, kind, name, version));
  }

  /** Versions kept per model, the current one among them. */
  public int keep() {
    return keep;
  }
}
