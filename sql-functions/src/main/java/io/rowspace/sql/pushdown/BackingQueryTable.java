package io.rowspace.sql.pushdown;

import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A {@link BackingQuery} as a table Calcite scans: each scan runs the query on the Rowspace
 * connection's own backing connection (so it sees the connection's uncommitted rows) and streams
 * its rows. Columns are named {@code C1}, {@code C2}, ... by position, since a query's labels need
 * not be distinct; the labels are the split query's to use. The database's own values of a column
 * ({@link DatabaseValues}) are kept only once a prepared statement's result passes the column
 * through ({@link #passThrough}): a column that only feeds model calls costs its one read.
 */
public final class BackingQueryTable extends AbstractTable implements ScannableTable {
  private static final int FETCH_SIZE = 1024;
  private final BackingQuery query;
  private final DataSource backing;
  private final RunningQueries running;
  /** Per column, the database's values kept beside Calcite's, or null while none are kept. */
  private final AtomicReferenceArray<DatabaseValues> kept;

  BackingQueryTable(BackingQuery query, DataSource backing, RunningQueries running) {
    this.query = query;
    this.backing = backing;
    this.running = running;
    this.kept = new AtomicReferenceArray<>(query.columns().size());
  }

  /** The name of the {@code index}-th column (from 0) in Calcite. */
  public static String columnName(int index) {
    return "C" + (index + 1);
  }

  public BackingQuery query() {
    return query;
  }

  /**
   * The column named {@code name} ({@link #columnName}), or null if there is none; with the
   * database's own values of its rows in flight if it keeps them.
   */
  ColumnOrigin column(String name) {
    int i = indexOf(name);
    return i < 0 ? null : new ColumnOrigin(query.columns().get(i), kept.get(i));
  }

  /**
   * From the next scan on, keeps the database's own object and text of each value of column
   * {@code name} where Calcite holds it differently ({@link BackingColumn#keepsDatabaseValues}):
   * a statement prepared just now returns the column unchanged. Statements prepared before keep
   * working; they read Calcite's values, as they did.
   */
  void passThrough(String name) {
    int i = indexOf(name);
    if (i >= 0 && query.columns().get(i).keepsDatabaseValues()) {
      kept.compareAndSet(i, null, new DatabaseValues());
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < kept.length(); i++) {
      if (columnName(i).equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder row = types.builder();
    List<BackingColumn> columns = query.columns();
    for (int i = 0; i < columns.size(); i++) {
      row.add(columnName(i), columns.get(i).type(types));
    }
    return row.build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(root);
    List<Object> values = new java.util.ArrayList<>();
    for (int parameter : query.parameters()) {
      values.add(root.get("?" + parameter));
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new Rows(cancelled, values);
      }
    };
  }

  /** The rows of one scan; the query runs on the first {@code moveNext}. */
  private final class Rows implements Enumerator<Object[]> {
    private final AtomicBoolean cancelled;
    private final List<Object> parameters;
    /** The columns' kept values as the scan starts: null for a column nobody passes through. */
    private final DatabaseValues[] keeping;
    private PreparedStatement statement;
    private ResultSet rows;
    private Object[] current;

    Rows(AtomicBoolean cancelled, List<Object> parameters) {
      this.cancelled = cancelled;
      this.parameters = parameters;
      this.keeping = new DatabaseValues[kept.length()];
      for (int i = 0; i < keeping.length; i++) {
        keeping[i] = kept.get(i);
      }
    }

    @Override public Object[] current() {
      return current;
    }

    @Override public boolean moveNext() {
      try {
        if (rows == null) {
          Connection connection = backing.getConnection();
          statement = connection.prepareStatement(query.sql());
          // PostgreSQL streams a result in pieces of this size inside a transaction (a write
          // of predictions), rather than reading it all first
          statement.setFetchSize(FETCH_SIZE);
          for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
          }
          running.add(statement);
          rows = statement.executeQuery();
        }
      } catch (SQLException e) {
        throw refused(e);
      }
      if (cancelled != null && cancelled.get()) {
        close();
        throw new RowspaceRuntimeException(RowspaceErrors.cancelled("The query"));
      }
      try {
        if (!rows.next()) {
          current = null;
          return false;
        }
        List<BackingColumn> columns = query.columns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = columns.get(i).read(rows, i + 1, keeping[i]);
        }
        current = row;
        return true;
      } catch (SQLException e) {
        throw refused(e);
      }
    }

    /** The database's failure as the user's error, without the generated SQL it quotes. */
    private RowspaceRuntimeException refused(SQLException e) {
      close();
      return new RowspaceRuntimeException(BackingErrors.of(e));
    }

    @Override public void reset() {
      close();
    }

    @Override public void close() {
      try {
        if (statement != null) {
          running.remove(statement);
          statement.close();
        }
      } catch (SQLException ignored) {
        // closing after the rows were read or the statement failed: nothing left to release
      } finally {
        statement = null;
        rows = null;
      }
    }
  }
}
