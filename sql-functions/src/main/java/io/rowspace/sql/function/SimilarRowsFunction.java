package io.rowspace.sql.function;

import io.rowspace.engine.search.RowVectors;
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
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
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

  /** Called by Calcite, after rewriting, with the session id first and the key as text. */
  public static ScannableTable similarRows(String session, String space, String key, Integer k) {
    try {
      RowspaceSession rowspace = RowspaceSession.byId(session);
      SpaceRecord record = rowspace.catalog().findSpace(space).orElseThrow(
          () -> RowspaceErrors.unknownSpace(space, List.of()));
      int maxK = rowspace.settings().maxK();
      if (k != null && (k < 1 || k > maxK)) {
        throw RowspaceErrors.invalidArgument("SIMILAR_ROWS('" + space + "', ..., " + k
            + "): k must be between 1 and " + maxK + " (connection property rowspace.maxK).");
      }
      TableInfo root;
      try (Connection connection = rowspace.database().connection()) {
        root = new SchemaReader(connection, rowspace.database().defaultSchema(),
            rowspace.dialect()).findTable(record.rootSchema(), record.rootTable())
            .orElseThrow(() -> RowspaceErrors.unknownTable(record.rootTable(), List.of()));
      }
      return new SimilarRowsTable(rowspace, record, root, key, k == null ? 0 : k);
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
      try {
        return Linq4j.asEnumerable(rows());
      } catch (SQLException e) {
        throw new RowspaceRuntimeException(e);
      }
    }

    private List<Object[]> rows() throws SQLException {
      if (key == null) {
        return List.of();
      }
      RowVectors vectors = session.models().vectors(session.catalog(), space);
      String canonical = RowKey.part(key);
      int row = vectors.rowOf(canonical);
      if (row < 0) {
        throw RowspaceErrors.invalidArgument("No row of embedding space '" + space.name()
            + "' has key " + key + " (" + String.join(", ", space.keyColumns()) + "). If the row "
            + "was added after the space was built, run REFRESH EMBEDDING SPACE " + space.name()
            + ".");
      }
      List<RowVectors.Neighbour> neighbours = vectors.nearest(vectors.vector(row), k, row);
      return new KeyedRowFetcher(session, this.root).fetch(neighbours, vectors);
    }
  }
}
