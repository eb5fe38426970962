package io.rowspace.sql.function;

import io.rowspace.engine.search.AnomalyScorer;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(EMBEDDINGS('space'))}: one row per embedded root row: its key column(s), the 3-D
 * projection {@code x, y, z} (the first three dimensions, re-normalised onto the unit sphere),
 * {@code anomaly_score} and the {@code embedding} itself as an array of REAL. The anomaly score
 * is {@code ANOMALY_SCORE}'s: the stored vector's isolation plus the stored extremeness of the
 * row's values, both as of the last CREATE or REFRESH.
 */
public final class EmbeddingsFunction {
  private EmbeddingsFunction() {
  }

  /** The function of a session's Calcite schema, called as the rewriter writes it. */
  static RowspaceTableFunction of(RowspaceSession session) {
    return RowspaceTableFunction.of(session, EmbeddingsFunction::rowType,
        EmbeddingsFunction.class, "run",
        new RowspaceTableFunction.Parameter("space", String.class));
  }

  /** The rows' type: the key column(s), the projection, the anomaly score, the embedding. */
  private static RelDataType rowType(RowspaceSession session, RelDataTypeFactory types,
      List<?> arguments) throws SQLException {
    String space = (String) arguments.get(0);
    SpaceRecord record = session.catalog().spaces().find(space).orElseThrow(
        () -> RowspaceErrors.unknownSpace(space, List.of()));
    RelDataTypeFactory.Builder row = types.builder();
    for (ColumnInfo key : keys(session.rootTable(record, true), record)) {
      row.add(key.name(), CalciteValues.type(types, key.jdbcType()));
    }
    for (String axis : List.of("x", "y", "z", "anomaly_score")) {
      row.add(session.database().fold(axis), SqlTypeName.DOUBLE);
    }
    row.add(session.database().fold("embedding"), types.createArrayType(
        types.createSqlType(SqlTypeName.REAL), -1));
    return row.build();
  }

  /** The space's key columns in its root table. */
  private static List<ColumnInfo> keys(TableInfo root, SpaceRecord record) throws SQLException {
    List<ColumnInfo> keys = new ArrayList<>();
    for (String key : record.keyColumns()) {
      keys.add(root.column(key).orElseThrow(() -> RowspaceErrors.unknownColumn(
          root.qualifiedName(), key, root.columnNames())));
    }
    return keys;
  }

  /**
   * The rows of the space as stored at this execution (the space's catalog row is read once
   * per execution); called by the generated code.
   */
  public static Enumerable<Object[]> run(DataContext context, String space) {
    try {
      RowspaceSession session = SessionSchema.of(context);
      SpaceRecord record = session.spaceRecordOfExecution(space);
      List<ColumnInfo> keys = keys(session.rootTable(record, false), record);
      RowVectors vectors = session.models().vectors(session.catalog(), record);
      AnomalyScorer scorer = session.models().scorer(session.catalog(), record);
      // Rows are made as they are read: the stored vectors are the only copy in memory.
      return Linq4j.asEnumerable(new AbstractList<Object[]>() {
        @Override public Object[] get(int index) {
          float[] vector = vectors.vector(index);
          return row(keys, vectors.key(index), vector,
              scorer.score(vector, vectors.extremeness(index)));
        }

        @Override public int size() {
          return vectors.size();
        }
      });
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  private static Object[] row(List<ColumnInfo> keys, String key, float[] vector,
      double anomalyScore) {
    Object[] row = new Object[keys.size() + 5];
    List<String> parts = RowKey.parts(key);
    for (int k = 0; k < keys.size(); k++) {
      int type = keys.get(k).jdbcType();
      row[k] = CalciteValues.value(RowKey.typed(parts.get(k), type), type);
    }
    double[] projection = projection(vector);
    row[keys.size()] = projection[0];
    row[keys.size() + 1] = projection[1];
    row[keys.size() + 2] = projection[2];
    row[keys.size() + 3] = anomalyScore;
    List<Float> embedding = new ArrayList<>(vector.length);
    for (float value : vector) {
      embedding.add(value);
    }
    row[keys.size() + 4] = embedding;
    return row;
  }

  /** The first three dimensions, re-normalised onto the unit sphere. */
  private static double[] projection(float[] vector) {
    double[] xyz = new double[3];
    double norm = 0;
    for (int i = 0; i < Math.min(3, vector.length); i++) {
      xyz[i] = vector[i];
      norm += xyz[i] * xyz[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < 3; i++) {
      xyz[i] = norm == 0 ? 0 : xyz[i] / norm;
    }
    return xyz;
  }
}
