package io.rowspace.sql.pushdown;

import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * not be distinct; the labels are the split query's to use.
 */
public final class BackingQueryTable extends AbstractTable implements ScannableTable {
  private static final int FETCH_SIZE = 1024;
  private final BackingQuery query;
  private final DataSource backing;
  private final RunningQueries running;
  private final DatabaseValues[] kept;

  BackingQueryTable(BackingQuery query, DataSource backing, RunningQueries running) {
    this.query = query;
    this.backing = backing;
    this.running = running;
    List<BackingColumn> columns = query.columns();
    this.kept = new DatabaseValues[columns.size()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = columns.get(i).keepsDatabaseValues() ? new DatabaseValues() : null;
    }
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
    for (int i = 0; i < kept.length; i++) {
      if (columnName(i).equals(name)) {
        return new ColumnOrigin(query.columns().get(i), kept[i]);
      }
    }
    return null;
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
    private PreparedStatement statement;
    private ResultSet rows;
    private Object[] current;

    Rows(AtomicBoolean cancelled, List<Object> parameters) {
      this.cancelled = cancelled;
      this.parameters = parameters;
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
        if (cancelled != null && cancelled.get()) {
          throw RowspaceErrors.cancelled("The query");
        }
        if (!rows.next()) {
          current = null;
          return false;
        }
        List<BackingColumn> columns = query.columns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = columns.get(i).read(rows, i + 1, kept[i]);
        }
        current = row;
        return true;
      } catch (SQLException e) {
        close();
        throw new RowspaceRuntimeException(e);
      }
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
