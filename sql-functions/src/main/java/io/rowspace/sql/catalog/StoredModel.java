package io.rowspace.sql.catalog;

import io.rowspace.error.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current version of a space or predictor as the catalog holds it: its catalog rows and its
 * stored bytes (weights, embedded rows, search index). What EXPORT writes to a file and IMPORT
 * stores again, in any backing database.
 */
public record StoredModel(ModelKind kind, String name, ModelRows rows,
    Map<BlobKind, byte[]> blobs) {

  public StoredModel {
    blobs = Map.copyOf(blobs);
  }

  /** Reads the current version of a model on the caller's connection (one transaction). */
  public static StoredModel read(Connection connection, ModelKind kind, String name)
      throws SQLException {
    ModelRows rows = ModelRows.read(connection, kind, name);
    int version = ModelVersions.currentVersion(connection, kind, name).orElseThrow(() ->
        ErrorCode.MODEL_DROPPED.exception(kind.label(), name));
    Map<BlobKind, byte[]> blobs = new LinkedHashMap<>();
    for (BlobKind blob : kind.blobs()) {
      byte[] bytes = BlobStore.read(connection, blob, name, version);
      if (bytes.length > 0) {
        blobs.put(blob, bytes);
      }
    }
    return new StoredModel(kind, name, rows, blobs);
  }

  /** The same model with other catalog rows and other stored bytes of one kind. */
  public StoredModel with(ModelRows newRows, BlobKind blob, byte[] bytes) {
    Map<BlobKind, byte[]> replaced = new LinkedHashMap<>(blobs);
    replaced.put(blob, bytes);
    return new StoredModel(kind, name, newRows, replaced);
  }

  /** The value of a column of the model's own catalog row ({@code checksum}, ...), or null. */
  public String value(String column) {
    return rows.own(kind, column);
  }

  /** Its rows of one catalog table as column name to text. */
  public List<Map<String, String>> rows(String table) {
    return rows.rows(table);
  }

  /**
   * Stores models read elsewhere (IMPORT) as new current versions, in one transaction: a space
   * (or null to keep the one there) and predictors, each under the name given with it. A model
   * of the same name that is there is kept as a former version, as CREATE OR REPLACE keeps it;
   * predictors of the space that are not imported are READY or STALE by whether the space's new
   * version is the one they were trained on.
   *
   * @param spaceRow values replacing those of the space's own catalog row ({@code root_schema})
   */
  public static void storeAll(Catalog catalog, StoredModel space, String spaceName,
      Map<String, Object> spaceRow, Map<String, StoredModel> predictors) throws SQLException {
    catalog.inTransaction(connection -> {
      if (space != null) {
        Map<String, Object> own = new LinkedHashMap<>(spaceRow);
        own.put("status", "READY");
        space.store(connection, spaceName, own, catalog.versions().keep());
        ModelVersions.refreshPredictorStatus(connection, ModelKind.SPACE, spaceName);
      }
      for (Map.Entry<String, StoredModel> p : predictors.entrySet()) {
        p.getValue().store(connection, p.getKey(), Map.of("space", spaceName, "status", "READY"),
            catalog.versions().keep());
      }
    });
  }

  private void store(Connection connection, String as, Map<String, Object> ownRow, int keep)
      throws SQLException {
    int version = ModelVersions.nextVersion(connection, kind, as);
    ModelVersions.retire(connection, kind, as);
    ModelRows.delete(connection, kind, as);
    Map<String, Object> own = new LinkedHashMap<>(ownRow);
    own.put("version", version);
    rows.insert(connection, kind, as, own);
    for (Map.Entry<BlobKind, byte[]> blob : blobs.entrySet()) {
      BlobStore.insert(connection, blob.getKey(), as, version, blob.getValue());
    }
    ModelVersions.recordCurrent(connection, kind, as, keep);
  }
}
