package io.rowspace.sql.session;

import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.search.AnomalyScorer;
import io.rowspace.engine.search.HnswIndex;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SimilaritySearch;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.store.SpaceFormat;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.BlobKind;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models loaded from one backing database, shared by all its connections. An entry is valid for
 * one stored version (identified by its checksum): a model replaced or dropped through any
 * connection is reloaded on next use.
 */
public final class ModelCache {
  private static final Map<String, ModelCache> BY_DATABASE = new ConcurrentHashMap<>();

  private record Entry<T>(String checksum, T model) {
  }

  private final Map<String, Entry<EmbeddingSpace>> spaces = new ConcurrentHashMap<>();
  private final Map<String, Entry<RowVectors>> vectors = new ConcurrentHashMap<>();
  private final Map<String, Entry<Predictor>> predictors = new ConcurrentHashMap<>();
  private final Map<String, Entry<AnomalyScorer>> scorers = new ConcurrentHashMap<>();
  private final Map<String, Entry<SimilaritySearch>> searches = new ConcurrentHashMap<>();

  static ModelCache of(String databaseUrl) {
    return BY_DATABASE.computeIfAbsent(databaseUrl, url -> new ModelCache());
  }

  public synchronized EmbeddingSpace space(Catalog catalog, SpaceRecord record)
      throws SQLException {
    Entry<EmbeddingSpace> entry = spaces.get(record.name());
    if (entry == null || !entry.checksum().equals(record.checksum())) {
      byte[] bytes = catalog.blobs().load(BlobKind.SPACE, record.name(), record.version(),
          record.checksum());
      EmbeddingSpace loaded = SpaceFormat.read(bytes);
      entry = new Entry<>(record.checksum(), loaded);
      spaces.put(record.name(), entry);
    }
    return entry.model();
  }

  public synchronized RowVectors vectors(Catalog catalog, SpaceRecord record)
      throws SQLException {
    Entry<RowVectors> entry = vectors.get(record.name());
    if (entry == null || !entry.checksum().equals(record.vectorsChecksum())) {
      byte[] bytes = catalog.blobs().load(BlobKind.SPACE_VECTORS, record.name(), record.version(),
          record.vectorsChecksum());
      RowVectors loaded;
      try {
        loaded = RowVectors.fromBytes(bytes);
      } catch (IllegalArgumentException e) {
        throw ErrorCode.VECTORS_UNREADABLE.exception(record.name(), e.getMessage());
      }
      entry = new Entry<>(record.vectorsChecksum(), loaded);
      vectors.put(record.name(), entry);
    }
    return entry.model();
  }

  /**
   * The similarity search over a space's current row vectors: through their stored index when
   * the space has one, exact otherwise.
   */
  public synchronized SimilaritySearch search(Catalog catalog, SpaceRecord record)
      throws SQLException {
    String version = record.vectorsChecksum() + "/" + Objects.toString(record.indexChecksum(), "");
    Entry<SimilaritySearch> entry = searches.get(record.name());
    if (entry == null || !entry.checksum().equals(version)) {
      RowVectors rows = vectors(catalog, record);
      SimilaritySearch search = SimilaritySearch.exact(rows);
      if (record.indexChecksum() != null) {
        byte[] bytes = catalog.blobs().load(BlobKind.SPACE_INDEX, record.name(), record.version(),
            record.indexChecksum());
        search = SimilaritySearch.indexed(rows, HnswIndex.fromBytes(bytes, rows));
      }
      entry = new Entry<>(version, search);
      searches.put(record.name(), entry);
    }
    return entry.model();
  }

  /** The anomaly scorer of a space's current row vectors. */
  public synchronized AnomalyScorer scorer(Catalog catalog, SpaceRecord record)
      throws SQLException {
    Entry<AnomalyScorer> entry = scorers.get(record.name());
    if (entry == null || !entry.checksum().equals(record.vectorsChecksum())) {
      entry = new Entry<>(record.vectorsChecksum(),
          AnomalyScorer.fit(vectors(catalog, record)));
      scorers.put(record.name(), entry);
    }
    return entry.model();
  }

  public synchronized Predictor predictor(Catalog catalog, PredictorRecord record)
      throws SQLException {
    Entry<Predictor> entry = predictors.get(record.name());
    if (entry == null || !entry.checksum().equals(record.checksum())) {
      byte[] bytes = catalog.blobs().load(BlobKind.PREDICTOR, record.name(), record.version(),
          record.checksum());
      entry = new Entry<>(record.checksum(), PredictorFormat.read(bytes));
      predictors.put(record.name(), entry);
    }
    return entry.model();
  }

  /**
   * Forgets a space after DROP or REPLACE. The model itself is not closed: a query running on
   * another connection may still be using it; its native memory is freed when it is collected.
   */
  public void evictSpace(String name) {
    spaces.remove(name);
    vectors.remove(name);
    scorers.remove(name);
    searches.remove(name);
  }

  /** Forgets a predictor after DROP or REPLACE. */
  public void evictPredictor(String name) {
    predictors.remove(name);
  }
}
