package io.rowspace.sql.function;

import io.rowspace.engine.search.Neighbours;
import io.rowspace.engine.search.RankedNeighbours;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SimilaritySearch;
import io.rowspace.error.ErrorCode;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(SIMILAR_ROWS('space', key, k))}: the k rows of the space's root table most similar
 * to the row with that key, itself excluded, with columns {@code RANK}, {@code SIMILARITY} and
 * then every column of the root table, ordered by rank.
 *
 * <p>Planning types the rows from the root table's metadata; each execution reads the space's
 * catalog row once (so a prepared query sees a replaced or refreshed space) and reuses the root
 * table read for that row of the space, so a call costs the search and one keyed read of the
 * neighbours' rows, not a metadata read.
 */
public final class SimilarRowsFunction {
  private SimilarRowsFunction() {
  }

  /** The function of a session's Calcite schema, called as the rewriter writes it. */
  static RowspaceTableFunction of(RowspaceSession session) {
    return RowspaceTableFunction.of(session, SimilarRowsFunction::rowType,
        SimilarRowsFunction.class, "run",
        new RowspaceTableFunction.Parameter("space", String.class),
        new RowspaceTableFunction.Parameter("key", String.class),
        new RowspaceTableFunction.Parameter("k", Integer.class),
        new RowspaceTableFunction.Parameter("all", Boolean.class));
  }

  /** The rows' type: rank, similarity, then the root table's columns as they are now. */
  private static RelDataType rowType(RowspaceSession session, RelDataTypeFactory types,
      List<?> arguments) throws SQLException {
    String space = (String) arguments.get(0);
    SpaceRecord record = session.catalog().spaces().find(space).orElseThrow(
        () -> RowspaceErrors.unknownSpace(space, List.of()));
    TableInfo root = session.rootTable(record, true);
    RelDataTypeFactory.Builder row = types.builder();
    row.add(session.database().fold("rank"), SqlTypeName.INTEGER);
    row.add(session.database().fold("similarity"), SqlTypeName.DOUBLE);
    for (ColumnInfo column : root.columns()) {
      row.add(column.name(), CalciteValues.type(types, column.jdbcType()));
    }
    return row.build();
  }

  /**
   * The neighbours of one call; called by the generated code with the key as text. With
   * {@code all} true every other row comes out in rank order, for a WHERE on the result to pick
   * the first k matches from (see {@link FunctionQueryRewriter}).
   */
  public static Enumerable<Object[]> run(DataContext context, String space, String key,
      Integer k, Boolean all) {
    try {
      RowspaceSession session = SessionSchema.of(context);
      int maxK = session.settings().maxK();
      if (k == null) {
        throw ErrorCode.SIMILAR_ROWS_NULL_K.exception(space, maxK);
      }
      if (k < 1 || k > maxK) {
        throw ErrorCode.SIMILAR_ROWS_K_RANGE.exception(space, k, maxK);
      }
      SpaceRecord record = session.spaceRecordOfExecution(space);
      if (key == null) {
        return Linq4j.emptyEnumerable();
      }
      TableInfo root = session.rootTable(record, false);
      SimilaritySearch stored = session.models().search(session.catalog(), record);
      SimilaritySearch search = session.settings().exactSearch()
          ? SimilaritySearch.exact(stored.vectors()) : stored;
      RowVectors vectors = search.vectors();
      int row = vectors.rowOf(RowKey.part(key));
      if (row < 0) {
        throw ErrorCode.UNKNOWN_ROW_KEY.exception(record.name(), key,
            String.join(", ", record.keyColumns()));
      }
      float[] query = vectors.vector(row);
      KeyedRowFetcher fetcher = new KeyedRowFetcher(session, root);
      // Neighbours to return; without k's limit (a WHERE on the result) every other row.
      int limit = Boolean.TRUE.equals(all) ? Integer.MAX_VALUE : k;
      return new AbstractEnumerable<>() {
        @Override public Enumerator<Object[]> enumerator() {
          // k rows are searched for; without k (a WHERE on the result) a first chunk and
          // then as many more as the filter reads.
          int first = limit < Integer.MAX_VALUE ? limit : RankedRows.CHUNK;
          return new RankedRows(() -> search.ranked(query, row, first), vectors, fetcher, limit);
        }
      };
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  /**
   * Neighbours in rank order with their current rows, read from the backing database a chunk of
   * keys at a time, as the query pulls them: with a WHERE on the result, only as many chunks are
   * read as it takes to find k matching rows.
   */
  private static final class RankedRows implements Enumerator<Object[]> {
    static final int CHUNK = 64;

    private final Supplier<RankedNeighbours> search;
    private final RowVectors vectors;
    private final KeyedRowFetcher fetcher;
    /** Neighbours to give at most. */
    private final int limit;
    private RankedNeighbours ranked;
    private Neighbours chunk;
    private List<Object[]> chunkRows;
    private int chunkPosition;
    private int given;
    private Object[] current;

    RankedRows(Supplier<RankedNeighbours> search, RowVectors vectors, KeyedRowFetcher fetcher,
        int limit) {
      this.search = search;
      this.vectors = vectors;
      this.fetcher = fetcher;
      this.limit = limit;
      reset();
    }

    @Override public Object[] current() {
      return current;
    }

    @Override public boolean moveNext() {
      while (given < limit) {
        if (chunkPosition == chunk.size()) {
          if (ranked == null) {
            ranked = search.get();
          }
          chunk = ranked.next((int) Math.min(CHUNK, (long) limit - given));
          chunkPosition = 0;
          if (chunk.size() == 0) {
            return false;
          }
          try {
            chunkRows = fetcher.fetch(chunk, vectors);
          } catch (SQLException e) {
            throw new RowspaceRuntimeException(e);
          }
        }
        int i = chunkPosition++;
        Object[] columns = chunkRows.get(i);
        // A row deleted since the last REFRESH still has a vector but no columns: skipped.
        if (columns != null) {
          current = new Object[columns.length + 2];
          current[0] = ++given;
          current[1] = chunk.similarity(i);
          System.arraycopy(columns, 0, current, 2, columns.length);
          return true;
        }
      }
      return false;
    }

    @Override public void reset() {
      ranked = null;
      chunk = Neighbours.none();
      chunkRows = List.of();
      chunkPosition = 0;
      given = 0;
    }

    @Override public void close() {
      chunkRows = List.of();
    }
  }
}
