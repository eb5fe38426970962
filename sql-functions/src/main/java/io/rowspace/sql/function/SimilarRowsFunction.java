package io.rowspace.sql.function;

import io.rowspace.engine.search.Neighbours;
import io.rowspace.engine.search.RankedNeighbours;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SimilaritySearch;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
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
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(SIMILAR_ROWS('space', key, k))}: the k rows of the space's root table most similar
 * to the row with that key, itself excluded, with columns {@code RANK}, {@code SIMILARITY} and
 * then every column of the root table, ordered by rank.
 */
public final class SimilarRowsFunction {
  private SimilarRowsFunction() {
  }

  /**
   * Called by Calcite, after rewriting, with the session id first and the key as text. With
   * {@code all} true every other row comes out in rank order, for a WHERE on the result to pick
   * the first k matches from (see {@link FunctionQueryRewriter}).
   */
  public static ScannableTable similarRows(String session, String space, String key, Integer k,
      Boolean all) {
    try {
      RowspaceSession rowspace = RowspaceSession.byId(session);
      SpaceRecord record = rowspace.catalog().findSpace(space).orElseThrow(
          () -> RowspaceErrors.unknownSpace(space, List.of()));
      int maxK = rowspace.settings().maxK();
      if (k == null) {
        throw FunctionQueryRewriter.nullK(space, maxK);
      }
      if (k < 1 || k > maxK) {
        throw RowspaceErrors.invalidArgument("SIMILAR_ROWS('" + space + "', ..., " + k
            + "): k must be between 1 and " + maxK + " (connection property rowspace.maxK).");
      }
      TableInfo root;
      try (Connection connection = rowspace.database().connection()) {
        root = new SchemaReader(connection, rowspace.database().defaultSchema(),
            rowspace.dialect()).findTable(record.rootSchema(), record.rootTable())
            .orElseThrow(() -> RowspaceErrors.unknownTable(record.rootTable(), List.of()));
      }
      int limit = Boolean.TRUE.equals(all) ? 0 : k;
      return new SimilarRowsTable(rowspace, record, root, key, limit);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  /** The result of one call: computed when Calcite scans it. */
  private static final class SimilarRowsTable extends AbstractTable implements ScannableTable {
    private final RowspaceSession session;
    private final SpaceRecord space;
    private final TableInfo root;
    private final String key;
    /** Neighbours to return; 0 for every other row, in rank order. */
    private final int k;

    SimilarRowsTable(RowspaceSession session, SpaceRecord space, TableInfo root, String key,
        int k) {
      this.session = session;
      this.space = space;
      this.root = root;
      this.key = key;
      this.k = k;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder row = typeFactory.builder();
      row.add(session.database().fold("rank"), SqlTypeName.INTEGER);
      row.add(session.database().fold("similarity"), SqlTypeName.DOUBLE);
      for (ColumnInfo column : root.columns()) {
        row.add(column.name(), CalciteValues.type(typeFactory, column.jdbcType()));
      }
      return row.build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      if (key == null) {
        return Linq4j.emptyEnumerable();
      }
      try {
        SimilaritySearch stored = session.models().search(session.catalog(), space);
        SimilaritySearch search = session.settings().exactSearch()
            ? SimilaritySearch.exact(stored.vectors()) : stored;
        RowVectors vectors = search.vectors();
        int row = vectors.rowOf(RowKey.part(key));
        if (row < 0) {
          throw RowspaceErrors.invalidArgument("No row of embedding space '" + space.name()
              + "' has key " + key + " (" + String.join(", ", space.keyColumns()) + "). If the "
              + "row was added after the space was built, run REFRESH EMBEDDING SPACE "
              + space.name() + ".");
        }
        float[] query = vectors.vector(row);
        KeyedRowFetcher fetcher = new KeyedRowFetcher(session, this.root);
        return new AbstractEnumerable<>() {
          @Override public Enumerator<Object[]> enumerator() {
            // k rows are searched for; without k (a WHERE on the result) a first chunk and
            // then as many more as the filter reads.
            int first = k > 0 ? k : RankedRows.CHUNK;
            return new RankedRows(() -> search.ranked(query, row, first), vectors, fetcher,
                k > 0 ? k : Integer.MAX_VALUE);
          }
        };
      } catch (SQLException e) {
        throw new RowspaceRuntimeException(e);
      }
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
