package io.rowspace.sql.catalog;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.backing.BackingDatabase;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Rowspace catalog: schema {@code ROWSPACE} in the backing database (SPEC section 7), brought
 * to the current version when opened ({@link CatalogSchema}), and one store per kind of catalog
 * row: {@link #spaces()}, {@link #predictors()}, {@link #blobs()} (model bytes),
 * {@link #versions()} (kept former versions), {@link #jobs()} and {@link #checkpoints()}.
 *
 * <p>A model becomes visible in the same transaction that stores its weights and their checksum,
 * so a failed or interrupted CREATE leaves nothing behind.
 */
public final class Catalog {
  private final CatalogConnections connections;
  private final SpaceStore spaces;
  private final PredictorStore predictors;
  private final BlobStore blobs;
  private final VersionStore versions;
  private final JobStore jobs;
  private final CheckpointStore checkpoints;

  public Catalog(BackingDatabase database) throws SQLException {
    this(database, ModelVersions.DEFAULT_KEEP);
  }

  /**
   * Opens the catalog of a backing database, creating or migrating its schema first.
   *
   * @param keepVersions versions kept per model, the current one among them
   */
  public Catalog(BackingDatabase database, int keepVersions) throws SQLException {
    this.connections = new CatalogConnections(database);
    this.spaces = new SpaceStore(connections, keepVersions);
    this.predictors = new PredictorStore(connections, keepVersions);
    this.blobs = new BlobStore(connections);
    this.versions = new VersionStore(connections, keepVersions);
    this.jobs = new JobStore(connections);
    this.checkpoints = new CheckpointStore(connections);
    CatalogSchema.ensureCurrent(database);
  }

  public BackingDatabase database() {
    return connections.database();
  }

  /** The embedding spaces. */
  public SpaceStore spaces() {
    return spaces;
  }

  /** The predictors. */
  public PredictorStore predictors() {
    return predictors;
  }

  /** The stored bytes of every model version, checked against their checksums. */
  public BlobStore blobs() {
    return blobs;
  }

  /** The kept versions of spaces and predictors. */
  public VersionStore versions() {
    return versions;
  }

  /** The background jobs of {@code ROWSPACE.JOBS}. */
  public JobStore jobs() {
    return jobs;
  }

  /** The training checkpoints that let an interrupted statement resume. */
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  public void inTransaction(CatalogWork work) throws SQLException {
    connections.inTransaction(work);
  }

  /**
   * Checks that this connection's database account may change the catalog, before work that
   * ends by changing it.
   *
   * @param what the statement, e.g. "CREATE EMBEDDING SPACE S"
   * @throws SQLException (42501) if the database refuses the account
   */
  public void checkWritable(String what) throws SQLException {
    connections.using(connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO ROWSPACE.EMBEDDING_SPACES "
            + "SELECT * FROM ROWSPACE.EMBEDDING_SPACES WHERE 1 = 0");
        statement.executeUpdate("DELETE FROM ROWSPACE.MODEL_BLOBS WHERE 1 = 0");
        return null;
      } catch (SQLException e) {
        if (!CatalogSchema.lacksPrivilege(e)) {
          throw e;
        }
        throw ErrorCode.CATALOG_NOT_WRITABLE.exception(e, what,
            connection.getMetaData().getUserName());
      }
    });
  }
}
