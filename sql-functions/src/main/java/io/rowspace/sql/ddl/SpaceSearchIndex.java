package io.rowspace.sql.ddl;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.search.HnswIndex;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SimilaritySearch;
import io.rowspace.sql.catalog.SpaceRecord;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The search index CREATE and REFRESH store beside a space's rows: none while the space has at
 * most {@code exact_search_rows} rows (searched exactly), an HNSW index above, built from the
 * space's seed so the same rows always give the same index.
 */
final class SpaceSearchIndex {
  /** The space option, and its key in the catalog's options of the space. */
  static final String OPTION = "exact_search_rows";

  private SpaceSearchIndex() {
  }

  /** The threshold stored with a space, or the default for spaces stored without one. */
  static int exactRows(SpaceRecord record) {
    String value = SpaceOptionsReader.fromJson(record.options()).get(OPTION);
    return value == null ? SimilaritySearch.DEFAULT_EXACT_ROWS : Integer.parseInt(value);
  }

  /** The options stored in the catalog: the model's own and the search threshold. */
  static String optionsJson(Map<String, String> modelOptions, int exactRows) {
    Map<String, String> options = new TreeMap<>(modelOptions);
    options.put(OPTION, Integer.toString(exactRows));
    return SpaceOptionsReader.toJson(options);
  }

  /**
   * The bytes of the index over {@code vectors}, or null when they are few enough to be searched
   * exactly.
   *
   * @param what the statement, as a user would name it, for errors
   */
  static byte[] build(RowVectors vectors, int exactRows, long seed, StatementContext context,
      String what) throws SQLException {
    if (vectors.size() <= exactRows) {
      return null;
    }
    long started = System.nanoTime();
    IntConsumer progress = rows -> {
      if (context.progress() != null) {
        context.progress().progress("indexing " + what, rows, vectors.size(), String.format(
            Locale.ROOT, "search index: %d of %d rows inserted, %.0f s", rows, vectors.size(),
            (System.nanoTime() - started) / 1e9));
      }
    };
    progress.accept(0);
    HnswIndex index;
    try {
      index = HnswIndex.build(vectors, seed, context.cancelled(), progress);
    } catch (EngineException e) {
      throw EngineErrors.translate(e, what);
    }
    context.warn(String.format(Locale.ROOT, "Search index (HNSW) over %d rows built in %.1f s: "
        + "SIMILAR_ROWS is approximate above %s = %d rows.", vectors.size(),
        (System.nanoTime() - started) / 1e9, OPTION, exactRows));
    return index.toBytes();
  }
}
