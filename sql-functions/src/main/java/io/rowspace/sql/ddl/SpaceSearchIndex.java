package io.rowspace.sql.ddl;

import io.rowspace.engine.search.HnswIndex;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SearchSpeed;
import io.rowspace.error.EngineException;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.EngineErrors;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The search index CREATE and REFRESH store beside a space's rows. With option
 * {@code exact_search_rows}, none while the space has at most that many rows (searched exactly)
 * and an HNSW index above. Without it ({@code auto}), spaces under {@link #MEASURED_FROM_ROWS}
 * rows are searched exactly; above, the index is built and kept only if, measured on the space's
 * own rows ({@link SearchSpeed}), it is faster than exact search at a recall@10 of at least 0.99.
 * The index is built from the space's seed, so the same rows always give the same graph.
 */
final class SpaceSearchIndex {
  /** The space option, and its key in the catalog's options of the space. */
  static final String OPTION = "exact_search_rows";
  /** The option's stored value when the index is chosen by measurement. */
  static final String AUTO = "auto";
  /** Key of the stored measurement in the catalog's options of the space. */
  static final String MEASURED = "search_measured";
  /**
   * Fewest rows for which {@code auto} builds and measures an index: below, an exact search
   * takes well under half a millisecond.
   */
  static final int MEASURED_FROM_ROWS = 20_000;

  /** The index to store, with what the catalog records about the choice. */
  record Choice(byte[] index, String option, String measured) {}

  private SpaceSearchIndex() {
  }

  /**
   * The threshold stored with a space; empty for {@code auto}, and for spaces stored before
   * {@code auto} existed without the option, the old default of 200,000 rows.
   */
  static OptionalInt exactRows(SpaceRecord record) {
    String value = SpaceOptionsReader.fromJson(record.options()).get(OPTION);
    if (value == null) {
      return OptionalInt.of(200_000);
    }
    return value.equals(AUTO) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
  }

  /** The options stored in the catalog: the model's own and the search choice. */
  static String optionsJson(Map<String, String> modelOptions, Choice choice) {
    Map<String, String> options = new TreeMap<>(modelOptions);
    options.put(OPTION, choice.option());
    if (choice.measured() != null) {
      options.put(MEASURED, choice.measured());
    }
    return SpaceOptionsReader.toJson(options);
  }

  /**
   * Chooses and builds the index over {@code vectors}.
   *
   * @param exactRows the option's value, or empty for {@code auto}
   * @param what the statement, as a user would name it, for errors
   */
  static Choice choose(RowVectors vectors, OptionalInt exactRows, long seed,
      StatementContext context, String what) throws SQLException {
    if (exactRows.isPresent()) {
      int threshold = exactRows.getAsInt();
      byte[] index = null;
      if (vectors.size() > threshold) {
        long started = System.nanoTime();
        index = build(vectors, seed, context, what).toBytes();
        context.warn(String.format(Locale.ROOT, "Search index (HNSW) over %d rows built in "
            + "%.1f s: SIMILAR_ROWS is approximate above %s = %d rows.", vectors.size(),
            (System.nanoTime() - started) / 1e9, OPTION, threshold));
      }
      return new Choice(index, Integer.toString(threshold), null);
    }
    if (vectors.size() < MEASURED_FROM_ROWS) {
      return new Choice(null, AUTO, null);
    }
    long started = System.nanoTime();
    HnswIndex index = build(vectors, seed, context, what);
    double seconds = (System.nanoTime() - started) / 1e9;
    SearchSpeed speed = SearchSpeed.measure(vectors, index, seed);
    boolean keep = speed.indexWins();
    String measured = speed.describe() + (keep ? ": index used" : ": exact search used");
    context.warn(String.format(Locale.ROOT, "Search index (HNSW) over %d rows built in %.1f s and "
        + "measured: %s%s", vectors.size(), seconds, measured, keep ? "; SIMILAR_ROWS is "
        + "approximate (set " + OPTION + " to choose)." : "."));
    return new Choice(keep ? index.toBytes() : null, AUTO, measured);
  }

  private static HnswIndex build(RowVectors vectors, long seed, StatementContext context,
      String what) throws SQLException {
    long started = System.nanoTime();
    IntConsumer progress = rows -> {
      if (context.progress() != null) {
        context.progress().progress("indexing " + what, rows, vectors.size(), String.format(
            Locale.ROOT, "search index: %d of %d rows inserted, %.0f s", rows, vectors.size(),
            (System.nanoTime() - started) / 1e9));
      }
    };
    progress.accept(0);
    try {
      return HnswIndex.build(vectors, seed, context.cancelled(), progress);
    } catch (EngineException e) {
      throw EngineErrors.translate(e, what);
    }
  }
}
