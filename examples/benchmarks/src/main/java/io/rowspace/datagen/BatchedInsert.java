package io.rowspace.datagen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes generated rows with one prepared INSERT, sent in JDBC batches of {@value #BATCH} rows, as
 * the generators and the TPC-H benchmarks load their tables.
 */
public final class BatchedInsert {
  /** Rows per JDBC batch. */
  static final int BATCH = 10_000;

  /** Sets the parameters of one row; returns false to leave the row out. */
  @FunctionalInterface
  public interface Binder<T> {
    boolean bind(PreparedStatement statement, T row) throws SQLException;
  }

  private BatchedInsert() {}

  /**
   * Inserts every row the binder keeps.
   *
   * @return the rows written
   */
  public static <T> int insert(Connection connection, String sql, Iterable<T> rows,
      Binder<? super T> binder) throws SQLException {
    int written = 0;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (T row : rows) {
        if (!binder.bind(ps, row)) {
          continue;
        }
        ps.addBatch();
        if (++written % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    return written;
  }
}
