package io.rowspace.sql.catalog;

import io.rowspace.error.SqlStates;
import io.rowspace.sql.backing.BackingDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's tables (schema {@code ROWSPACE}, SPEC section 7) and how a catalog written by an
 * earlier Rowspace becomes current: numbered migrations, each run once per database and recorded
 * in {@code ROWSPACE.CATALOG_VERSION}. A connection reads the version (one query) and runs only
 * the migrations the catalog has not had; a catalog whose schema was dropped starts again from
 * the first. Migration 1 is every statement of the catalogs before versions were recorded; each
 * is idempotent ({@code IF NOT EXISTS}), so a catalog of any earlier shape reaches the same one.
 *
 * <p>Migrations are appended, never edited: a catalog at version n has run exactly the first n.
 * An account without the right to create (a Rowspace server's read and write roles) uses the
 * catalog its administrator created: statements it may not run are skipped.
 */
final class CatalogSchema {
  /** What one migration does to a catalog at the version before it. */
  private record Migration(int version, String purpose, List<String> statements) {
  }

  private CatalogSchema() {
  }

  /** Brings the catalog of a database to the latest version, creating it if absent. */
  static void ensureCurrent(BackingDatabase database) throws SQLException {
    List<Migration> migrations = migrations(database.binaryType());
    int latest = migrations.get(migrations.size() - 1).version();
    try (Connection connection = database.connection();
         Statement statement = connection.createStatement()) {
      int current = appliedVersion(statement);
      if (current >= latest) {
        return;
      }
      for (Migration migration : migrations) {
        if (migration.version() > current) {
          apply(connection, statement, migration);
        }
      }
    }
  }

  private static void apply(Connection connection, Statement statement, Migration migration)
      throws SQLException {
    boolean complete = true;
    for (String sql : migration.statements()) {
      complete &= execute(statement, sql);
    }
    if (!complete) {
      // Not ours to record: an account with the right to create finishes the migration.
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO "
        + "ROWSPACE.CATALOG_VERSION (version, purpose, applied_at) VALUES (?, ?, ?)")) {
      ps.setInt(1, migration.version());
      ps.setString(2, migration.purpose());
      ps.setTimestamp(3, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    }
  }

  /** Runs one statement; false when the account may not (the statement is then skipped). */
  private static boolean execute(Statement statement, String sql) throws SQLException {
    try {
      statement.execute(sql);
      return true;
    } catch (SQLException e) {
      if (!lacksPrivilege(e)) {
        throw e;
      }
      return false;
    }
  }

  /** The latest migration the catalog has had; 0 for none (no catalog, or one from before). */
  private static int appliedVersion(Statement statement) {
    try (ResultSet rs = statement.executeQuery(
        "SELECT MAX(version) FROM ROWSPACE.CATALOG_VERSION")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      // No version table: a new database, or a catalog of an earlier Rowspace.
      return 0;
    }
  }

  /** Whether the database refused a statement for lack of rights (H2's codes or SQL's). */
  static boolean lacksPrivilege(SQLException e) {
    String state = e.getSQLState();
    return SqlStates.INSUFFICIENT_PRIVILEGE.equals(state) || "90040".equals(state)
        || "90096".equals(state);
  }

  /** Every migration, in order; {@code bin} is the database's type for binary chunks. */
  private static List<Migration> migrations(String bin) {
    List<String> first = new ArrayList<>(List.of(
        "CREATE SCHEMA IF NOT EXISTS ROWSPACE",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.EMBEDDING_SPACES (name VARCHAR(256) PRIMARY KEY, "
            + "root_table VARCHAR(512) NOT NULL, tables VARCHAR(4000), status VARCHAR(32) NOT NULL, "
            + "rows_trained INTEGER, columns_used INTEGER, d_model INTEGER, epochs INTEGER, "
            + "train_seconds DOUBLE PRECISION, final_validation_loss DOUBLE PRECISION, "
            + "device VARCHAR(32), seed BIGINT, created_at TIMESTAMP, version INTEGER NOT NULL, "
            + "root_schema VARCHAR(256), key_columns VARCHAR(4000), options VARCHAR(4000), "
            + "checksum VARCHAR(64), vectors_checksum VARCHAR(64), index_checksum VARCHAR(64))",
        // Catalogs created before search indexes lack the column.
        "ALTER TABLE ROWSPACE.EMBEDDING_SPACES ADD COLUMN IF NOT EXISTS index_checksum "
            + "VARCHAR(64)",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.PREDICTORS (name VARCHAR(256) PRIMARY KEY, "
            + "space VARCHAR(256) NOT NULL, target VARCHAR(256) NOT NULL, task VARCHAR(32), "
            + "status VARCHAR(32) NOT NULL, metric VARCHAR(32), metric_value DOUBLE PRECISION, "
            + "auc DOUBLE PRECISION, accuracy DOUBLE PRECISION, f1 DOUBLE PRECISION, "
            + "log_loss DOUBLE PRECISION, rmse DOUBLE PRECISION, mae DOUBLE PRECISION, "
            + "r2 DOUBLE PRECISION, calibration_error DOUBLE PRECISION, threshold DOUBLE PRECISION, "
            + "train_seconds DOUBLE PRECISION, created_at TIMESTAMP, version INTEGER NOT NULL, "
            + "target_sql_type VARCHAR(128), classes VARCHAR(16000), input_columns VARCHAR(16000), "
            + "training_rows INTEGER, options VARCHAR(4000), checksum VARCHAR(64))",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.SPACE_COLUMNS (space VARCHAR(256) NOT NULL, "
            + "table_name VARCHAR(512) NOT NULL, column_name VARCHAR(512) NOT NULL, "
            + "sql_type VARCHAR(128), detected_type VARCHAR(32), encoder VARCHAR(256), "
            + "status VARCHAR(16), reason VARCHAR(1000), mutual_information_bits DOUBLE PRECISION, "
            + "ordinal INTEGER)",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.RELATIONSHIPS (space VARCHAR(256) NOT NULL, "
            + "parent_table VARCHAR(512), child_table VARCHAR(512), kind VARCHAR(16), "
            + "join_columns VARCHAR(1000), coverage DOUBLE PRECISION, "
            + "mean_fanout DOUBLE PRECISION, max_fanout INTEGER, warnings VARCHAR(4000))",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.TRAINING_TIMELINE (model VARCHAR(256) NOT NULL, "
            + "model_kind VARCHAR(16), epoch INTEGER, learning_rate DOUBLE PRECISION, "
            + "train_loss DOUBLE PRECISION, validation_loss DOUBLE PRECISION, "
            + "dropout DOUBLE PRECISION, spread_loss DOUBLE PRECISION, "
            + "temperature DOUBLE PRECISION, grad_norm DOUBLE PRECISION, "
            + "clipped_grad_norm DOUBLE PRECISION, failures VARCHAR(1000), "
            + "actions VARCHAR(1000), reconstruction_loss DOUBLE PRECISION, "
            + "objective_weights VARCHAR(256), mean_cosine DOUBLE PRECISION, "
            + "effective_rank DOUBLE PRECISION)",
        // Catalogs created before the objective's figures were recorded lack these columns.
        "ALTER TABLE ROWSPACE.TRAINING_TIMELINE ADD COLUMN IF NOT EXISTS reconstruction_loss "
            + "DOUBLE PRECISION",
        "ALTER TABLE ROWSPACE.TRAINING_TIMELINE ADD COLUMN IF NOT EXISTS objective_weights "
            + "VARCHAR(256)",
        "ALTER TABLE ROWSPACE.TRAINING_TIMELINE ADD COLUMN IF NOT EXISTS mean_cosine "
            + "DOUBLE PRECISION",
        "ALTER TABLE ROWSPACE.TRAINING_TIMELINE ADD COLUMN IF NOT EXISTS effective_rank "
            + "DOUBLE PRECISION",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.JOBS (job_id VARCHAR(64) PRIMARY KEY, "
            + "kind VARCHAR(32), model VARCHAR(256), state VARCHAR(16), "
            + "progress DOUBLE PRECISION, eta_seconds DOUBLE PRECISION, started_at TIMESTAMP, "
            + "finished_at TIMESTAMP, message VARCHAR(4000))",
        // Who runs a job and when it last said so: jobs of a process that ended show FAILED.
        "ALTER TABLE ROWSPACE.JOBS ADD COLUMN IF NOT EXISTS owner VARCHAR(512)",
        "ALTER TABLE ROWSPACE.JOBS ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP",
        // The options a predictor's statement wrote, so that replacing its space can re-fit it.
        "ALTER TABLE ROWSPACE.PREDICTORS ADD COLUMN IF NOT EXISTS statement_options "
            + "VARCHAR(4000)",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.CHECKPOINTS (kind VARCHAR(32) NOT NULL, "
            + "model VARCHAR(256) NOT NULL, statement_key VARCHAR(64) NOT NULL, "
            + "run_fingerprint VARCHAR(64) NOT NULL, epoch INTEGER NOT NULL, "
            + "checksum VARCHAR(64) NOT NULL, saved_at TIMESTAMP, PRIMARY KEY (kind, model))",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.CHECKPOINT_CHUNKS (kind VARCHAR(32) NOT NULL, "
            + "model VARCHAR(256) NOT NULL, chunk_no INTEGER NOT NULL, chunk " + bin
            + " NOT NULL, PRIMARY KEY (kind, model, chunk_no))",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.MODEL_BLOBS (kind VARCHAR(32) NOT NULL, "
            + "name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, chunk_no INTEGER NOT NULL, "
            + "chunk " + bin + " NOT NULL, PRIMARY KEY (kind, name, version, chunk_no))",
        "CREATE TABLE IF NOT EXISTS ROWSPACE.CATALOG_VERSION (version INTEGER NOT NULL, "
            + "purpose VARCHAR(256), applied_at TIMESTAMP)"));
    first.addAll(List.of(ModelVersions.DDL));
    return List.of(
        new Migration(1, "the catalog of Rowspace before versioned migrations", first));
  }
}
