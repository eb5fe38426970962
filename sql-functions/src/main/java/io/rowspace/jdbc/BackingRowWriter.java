package io.rowspace.jdbc;

import io.rowspace.sql.error.ErrorTranslation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;

/**
 * Writes the rows a query with model calls computed into the backing database, for one statement
 * that stores them ({@link ModelCallWrites}, {@link ModelCallMerge}): through the connection's own
 * backing connection, {@value #BATCH} rows to a batch, as one unit (its own transaction under
 * autocommit, a savepoint in the caller's transaction otherwise) that is undone if any row fails;
 * and the backing database's type for each column of a table made from those rows.
 */
final class BackingRowWriter {
  private static final int BATCH = 1000;

  private final Connection backing;
  private final String binaryType;
  /** The statement as the user wrote it, for the positions of errors. */
  private final String userSql;

  BackingRowWriter(Connection backing, String binaryType, String userSql) {
    this.backing = backing;
    this.binaryType = binaryType;
    this.userSql = userSql;
  }

  /**
   * Writes each row of {@code rows} with {@code sql}, binding parameter k to column
   * {@code order[k - 1] + 1} (or column k if {@code order} is empty), a batch at a time.
   */
  long copy(ResultSet rows, String sql, int parameters, int[] order)
      throws SQLException {
    long written = 0;
    int pending = 0;
    try (PreparedStatement write = backing.prepareStatement(sql)) {
      while (next(rows)) {
        for (int p = 0; p < parameters; p++) {
          int column = order.length == 0 ? p + 1 : order[p] + 1;
          write.setObject(p + 1, value(rows, column));
        }
        write.addBatch();
        if (++pending == BATCH) {
          written += count(write.executeBatch());
          pending = 0;
        }
      }
      if (pending > 0) {
        written += count(write.executeBatch());
      }
    }
    return written;
  }

  private boolean next(ResultSet rows) throws SQLException {
    try {
      return rows.next();
    } catch (SQLException | RuntimeException e) {
      throw ErrorTranslation.translate(e, userSql);
    }
  }

  private static Object value(ResultSet rows, int column) throws SQLException {
    Object value = rows.getObject(column);
    if (value instanceof java.util.List<?> || value instanceof java.util.Map<?, ?>) {
      return value.toString();
    }
    return value;
  }

  private static long count(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
    }
    return total;
  }

  interface Work {
    long run() throws SQLException;
  }

  /**
   * Runs the work as one unit: its own transaction under autocommit, a savepoint inside the
   * caller's transaction otherwise; undone if it fails.
   */
  long atomically(Work work) throws SQLException {
    boolean autoCommit = backing.getAutoCommit();
    if (autoCommit) {
      backing.setAutoCommit(false);
      try {
        long written = work.run();
        backing.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        backing.rollback();
        throw e;
      } finally {
        backing.setAutoCommit(true);
      }
    }
    Savepoint savepoint = backing.setSavepoint();
    try {
      long written = work.run();
      backing.releaseSavepoint(savepoint);
      return written;
    } catch (SQLException | RuntimeException e) {
      backing.rollback(savepoint);
      throw e;
    }
  }

  static String marks(int count) {
    return "?" + ", ?".repeat(Math.max(0, count - 1));
  }

  /** The backing database's type for a column of the query's result. */
  String sqlType(ResultSetMetaData meta, int column) throws SQLException {
    int precision = meta.getPrecision(column);
    int scale = meta.getScale(column);
    switch (meta.getColumnType(column)) {
    case Types.BOOLEAN:
      return "BOOLEAN";
    case Types.TINYINT:
    case Types.SMALLINT:
      return "SMALLINT";
    case Types.INTEGER:
      return "INTEGER";
    case Types.BIGINT:
      return "BIGINT";
    case Types.REAL:
      return "REAL";
    case Types.FLOAT:
    case Types.DOUBLE:
      return "DOUBLE PRECISION";
    case Types.DECIMAL:
    case Types.NUMERIC:
      return precision > 0 && precision <= 1000
          ? "NUMERIC(" + precision + ", " + Math.max(0, scale) + ")" : "NUMERIC";
    case Types.CHAR:
      return precision > 0 ? "CHAR(" + precision + ")" : "VARCHAR";
    case Types.DATE:
      return "DATE";
    case Types.TIME:
      return "TIME";
    case Types.TIMESTAMP:
      return "TIMESTAMP";
    case Types.TIMESTAMP_WITH_TIMEZONE:
      return "TIMESTAMP WITH TIME ZONE";
    case Types.BINARY:
    case Types.VARBINARY:
      return binaryType;
    default:
      return precision > 0 && precision < 1_000_000 ? "VARCHAR(" + precision + ")" : "VARCHAR";
    }
  }
}
