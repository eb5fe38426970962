package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.function.ModelCalls;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * {@code MERGE INTO t USING (SELECT ... PREDICT(...) ...) s ON ... WHEN ...} on the backing
 * database: the USING query, which holds the model calls, runs through Rowspace (batched) into a
 * temporary staging table; then the user's MERGE, with that query replaced by a scan of the
 * staging table and every other word as written, runs on the database in its own dialect. Both
 * happen in the caller's transaction (a savepoint under it, or one transaction under autocommit),
 * so a failure leaves the target as it was. The staging table is dropped at commit.
 *
 * <p>A model call in ON, in WHEN MATCHED ... SET or in WHEN NOT MATCHED ... VALUES predicts for
 * the USING row (its inputs are resolved by name among the source's columns): it is evaluated
 * in the staged query, as one more column, and the MERGE reads that column where the call was
 * written. A call that names a column of the target is refused (0A000) with the fix.
 */
final class ModelCallMerge {
  private static final AtomicLong STAGING_TABLES = new AtomicLong();
  /** Column of the staged USING rows that holds the n-th call written outside USING. */
  private static final String CALL_COLUMN = "ROWSPACE_MERGE_CALL_";

  private final ModelCallWrites writes;
  private final BackingRowWriter writer;
  private final RowspaceConnection connection;

  ModelCallMerge(ModelCallWrites writes, BackingRowWriter writer, RowspaceConnection connection) {
    this.writes = writes;
    this.writer = writer;
    this.connection = connection;
  }

  long execute(String sql) throws SQLException {
    SqlNode node = RowspaceStatement.parse(connection, sql);
    if (!(node instanceof SqlMerge merge)) {
      throw ErrorCode.MERGE_NOT_READ.exception();
    }
    SqlNode source = merge.getSourceTableRef();
    SqlNode sourceRef = source.getKind() == SqlKind.AS ? ((SqlCall) source).operand(0) : source;
    List<SqlCall> outside = new ArrayList<>();
    List<String> clauses = new ArrayList<>();
    collect(merge.getCondition(), "ON", outside, clauses);
    if (merge.getUpdateCall() != null) {
      collect(merge.getUpdateCall().getSourceExpressionList(), "WHEN MATCHED ... SET", outside,
          clauses);
    }
    if (merge.getInsertCall() != null) {
      collect(merge.getInsertCall().getSource(), "WHEN NOT MATCHED ... VALUES", outside,
          clauses);
    }
    if (outside.isEmpty() && !ModelCalls.in(sourceRef)
        || !sourceRef.isA(SqlKind.QUERY) && !(sourceRef instanceof SqlIdentifier)) {
      throw ErrorCode.MERGE_NOT_READ.exception();
    }
    SqlIdentifier alias = source.getKind() == SqlKind.AS
        ? (SqlIdentifier) ((SqlCall) source).operand(1)
        : sourceRef instanceof SqlIdentifier table
            ? new SqlIdentifier(table.names.get(table.names.size() - 1), SqlParserPos.ZERO)
            : null;
    if (!outside.isEmpty()) {
      if (alias == null) {
        throw ErrorCode.MERGE_SOURCE_WITHOUT_NAME.exception(clauses.get(0));
      }
      checkReadsNoTarget(merge, outside, clauses);
    }
    SqlNode staged = outside.isEmpty() ? sourceRef : stagedQuery(source, alias, outside);
    String staging = stagingName();
    String rewritten = rewrite(sql, source, sourceRef, alias, outside, staging);
    return writer.atomically(() -> {
      try (Statement calcite = connection.calcite().createStatement();
           ResultSet rows = writes.query(calcite, staged)) {
        ResultSetMetaData meta = rows.getMetaData();
        int width = meta.getColumnCount();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          columns.add(quotedColumn(meta.getColumnLabel(i)) + " " + writer.sqlType(meta, i));
        }
        try (Statement backing = connection.backing().createStatement()) {
          backing.execute(createStaging(staging, columns));
        }
        writer.copy(rows, "INSERT INTO " + staging + " VALUES (" + BackingRowWriter.marks(width)
            + ")", width, new int[0]);
      }
      try (Statement backing = connection.backing().createStatement()) {
        return backing.executeUpdate(rewritten);
      }
    });
  }

  private static void collect(SqlNode clause, String name, List<SqlCall> calls,
      List<String> clauses) {
    for (SqlCall call : ModelCalls.outermost(clause)) {
      calls.add(call);
      clauses.add(name);
    }
  }

  /** A call outside USING must not read the target's row: it is evaluated over USING's rows. */
  private static void checkReadsNoTarget(SqlMerge merge, List<SqlCall> calls,
      List<String> clauses) throws SQLException {
    SqlNode target = merge.getTargetTable();
    String targetName = merge.getAlias() != null ? merge.getAlias().getSimple()
        : target instanceof SqlIdentifier table ? table.names.get(table.names.size() - 1) : null;
    for (int i = 0; i < calls.size(); i++) {
      String clause = clauses.get(i);
      String[] read = {null};
      calls.get(i).accept(new SqlBasicVisitor<Void>() {
        @Override public Void visit(SqlIdentifier identifier) {
          if (read[0] == null && identifier.names.size() > 1 && targetName != null
              && identifier.names.get(identifier.names.size() - 2).equals(targetName)) {
            read[0] = identifier.toString();
          }
          return null;
        }
      });
      if (read[0] != null) {
        throw ErrorCode.MERGE_CALL_OUTSIDE_USING.exception(clause, targetName, read[0]);
      }
    }
  }

  /**
   * {@code SELECT s.*, call1 AS ROWSPACE_MERGE_CALL_1, ... FROM <source> AS s}: the USING rows
   * with the values of the calls written outside USING, each predicting for its row.
   */
  private static SqlNode stagedQuery(SqlNode source, SqlIdentifier alias, List<SqlCall> calls) {
    SqlParserPos pos = SqlParserPos.ZERO;
    SqlNodeList items = new SqlNodeList(pos);
    items.add(new SqlIdentifier(List.of(alias.getSimple(), ""), pos));
    for (int i = 0; i < calls.size(); i++) {
      items.add(SqlStdOperatorTable.AS.createCall(pos, calls.get(i),
          new SqlIdentifier(CALL_COLUMN + (i + 1), pos)));
    }
    SqlNode from = source.getKind() == SqlKind.AS ? source
        : SqlStdOperatorTable.AS.createCall(pos, source, alias);
    return new SqlSelect(pos, null, items, from, null, null, null, null, null, null, null, null,
        null);
  }

  /**
   * The user's MERGE with the USING source replaced by a scan of the staging table and each call
   * outside USING by the staged column that holds its value; every other word as written.
   */
  private String rewrite(String sql, SqlNode source, SqlNode sourceRef, SqlIdentifier alias,
      List<SqlCall> calls, String staging) {
    record Replacement(int[] span, String text) {
    }
    List<Replacement> replacements = new ArrayList<>();
    String scan = "SELECT * FROM " + staging;
    if (sourceRef instanceof SqlIdentifier) {
      String named = source == sourceRef ? " " + quotedName(alias.getSimple()) : "";
      replacements.add(new Replacement(span(sql, sourceRef.getParserPosition()),
          "(" + scan + ")" + named));
    } else {
      replacements.add(new Replacement(span(sql, sourceRef.getParserPosition()), scan));
    }
    for (int i = 0; i < calls.size(); i++) {
      replacements.add(new Replacement(span(sql, calls.get(i).getParserPosition()),
          quotedName(alias.getSimple()) + "." + quotedColumn(CALL_COLUMN + (i + 1))));
    }
    replacements.sort((a, b) -> Integer.compare(b.span()[0], a.span()[0]));
    StringBuilder text = new StringBuilder(sql);
    for (Replacement replacement : replacements) {
      text.replace(replacement.span()[0], replacement.span()[1], replacement.text());
    }
    return text.toString();
  }

  private String quotedName(String name) {
    return connection.session().database().quote(name);
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
