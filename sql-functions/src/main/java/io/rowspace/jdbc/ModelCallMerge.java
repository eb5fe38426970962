package io.rowspace.jdbc;

import io.rowspace.sql.error.ErrorCode;
import io.rowspace.sql.function.ModelCalls;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code MERGE INTO t USING (SELECT ... PREDICT(...) ...) s ON ... WHEN ...} on the backing
 * database: the USING query, which holds the model calls, runs through Rowspace (batched) into a
 * temporary staging table; then the user's MERGE, with that query replaced by a scan of the
 * staging table and every other word as written, runs on the database in its own dialect. Both
 * happen in the caller's transaction (a savepoint under it, or one transaction under autocommit),
 * so a failure leaves the target as it was. The staging table is dropped at commit.
 *
 * <p>Model calls must stand in the USING query: one in ON, SET or VALUES would have to read the
 * target's rows, and is refused (0A000) with that fix.
 */
final class ModelCallMerge {
  private static final AtomicLong STAGING_TABLES = new AtomicLong();

  private final ModelCallWrites writes;
  private final RowspaceConnection connection;

  ModelCallMerge(ModelCallWrites writes, RowspaceConnection connection) {
    this.writes = writes;
    this.connection = connection;
  }

  long execute(String sql) throws SQLException {
    SqlNode node = RowspaceStatement.parse(connection, sql);
    if (!(node instanceof SqlMerge merge)) {
      throw ErrorCode.MERGE_NOT_READ.exception();
    }
    SqlNode source = merge.getSourceTableRef();
    SqlNode query = source.getKind() == SqlKind.AS ? ((SqlCall) source).operand(0) : source;
    boolean callsOutsideSource = ModelCalls.in(merge.getCondition())
        || ModelCalls.in(merge.getUpdateCall()) || ModelCalls.in(merge.getInsertCall());
    if (callsOutsideSource || !ModelCalls.in(query) || !query.isA(SqlKind.QUERY)) {
      throw ErrorCode.MERGE_CALL_OUTSIDE_USING.exception();
    }
    int[] span = span(sql, query.getParserPosition());
    String staging = stagingName();
    return writes.atomically(() -> {
      try (Statement calcite = connection.calcite().createStatement();
           ResultSet rows = writes.query(calcite, query)) {
        ResultSetMetaData meta = rows.getMetaData();
        int width = meta.getColumnCount();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          columns.add(quotedColumn(meta.getColumnLabel(i)) + " " + writes.sqlType(meta, i));
        }
        try (Statement backing = connection.backing().createStatement()) {
          backing.execute(createStaging(staging, columns));
        }
        writes.copy(rows, "INSERT INTO " + staging + " VALUES (" + ModelCallWrites.marks(width)
            + ")", width, new int[0]);
      }
      String rewritten = sql.substring(0, span[0]) + "SELECT * FROM " + staging
          + sql.substring(span[1]);
      try (Statement backing = connection.backing().createStatement()) {
        return backing.executeUpdate(rewritten);
      }
    });
  }

  /** A staging table that lives until the transaction ends, in the database's own words. */
  private String createStaging(String name, List<String> columns) {
    String body = " (" + String.join(", ", columns) + ")";
    if (connection.session().database().isH2()) {
      // TRANSACTIONAL: H2 would otherwise commit the caller's open transaction here
      return "CREATE LOCAL TEMPORARY TABLE " + name + body + " ON COMMIT DROP TRANSACTIONAL";
    }
    return "CREATE TEMPORARY TABLE " + name + body + " ON COMMIT DROP";
  }

  private String quotedColumn(String label) {
    return connection.session().database().quote(connection.session().database().fold(label));
  }

  private static String stagingName() {
    return "rowspace_merge_" + ProcessHandle.current().pid() + "_"
        + STAGING_TABLES.incrementAndGet();
  }

  /** Start (inclusive) and end (exclusive) offsets in {@code sql} of a parse-tree position. */
  private static int[] span(String sql, SqlParserPos pos) {
    return new int[] {offset(sql, pos.getLineNum(), pos.getColumnNum()),
        offset(sql, pos.getEndLineNum(), pos.getEndColumnNum()) + 1};
  }

  private static int offset(String sql, int line, int column) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      at = sql.indexOf('\n', at) + 1;
    }
    return at + column - 1;
  }
}
