package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.error.ErrorTranslation;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.function.FunctionQueryRewriter;
import io.rowspace.sql.routing.SqlTokens;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Statements that store what models compute (SPEC section 3.4): {@code INSERT INTO t [(c, ...)]
 * SELECT ... PREDICT(...)}, {@code CREATE TABLE t AS SELECT ... PREDICT(...)}, {@code UPDATE t
 * SET c = PREDICT(...) [WHERE ...]} and {@code DELETE FROM t WHERE <condition with a model
 * call>}. The query part runs like any query with a model call (batched model runs, rows
 * streamed); the rows are written through the connection's own backing connection, 1,000 to a
 * batch, in the caller's transaction. The whole statement is atomic: with autocommit on it is one
 * transaction, with autocommit off a savepoint, rolled back if any row fails.
 */
final class ModelCallWrites {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final RowspaceConnection connection;
  private final Connection backing;
  /** The statement as the user wrote it, for the positions of errors. */
  private String userSql;
  /** Writes the rows of this statement; made once the statement is known. */
  private BackingRowWriter writer;

  ModelCallWrites(RowspaceConnection connection) {
    this.connection = connection;
    this.backing = connection.backing();
  }

  /** Whether a statement with a model call writes (its first word). */
  static boolean writes(String sql) {
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    if (tokens.isEmpty() || !tokens.get(0).word()) {
      return false;
    }
    switch (tokens.get(0).text()) {
    case "INSERT":
    case "UPDATE":
    case "DELETE":
    case "MERGE":
    case "UPSERT":
    case "CREATE":
      return true;
    default:
      return false;
    }
  }

  /** Runs the statement; returns the number of rows written. */
  long execute(String sql) throws SQLException {
    userSql = sql;
    writer = new BackingRowWriter(backing, connection.session().database().binaryType(), sql);
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    String first = tokens.get(0).text();
    if (first.equals("CREATE")) {
      return createTableAs(sql, tokens);
    }
    if (first.equals("MERGE")) {
      return new ModelCallMerge(this, writer, connection).execute(sql);
    }
    if (first.equals("UPSERT")) {
      throw ErrorCode.UPSERT_WITH_MODEL_CALL.exception(first);
    }
    SqlNode node = RowspaceStatement.parse(connection, sql);
    return writer.atomically(() -> {
      if (node instanceof SqlInsert insert) {
        return insert(insert);
      }
      if (node instanceof SqlUpdate update) {
        return update(update);
      }
      if (node.getKind() == SqlKind.DELETE) {
        return delete((SqlDelete) node);
      }
      throw ErrorCode.MODEL_CALL_WHERE_IT_CANNOT_RUN.exception("Model calls run in queries "
          + "and in INSERT ... SELECT, CREATE TABLE ... AS SELECT, UPDATE ... SET and DELETE ... "
          + "WHERE.");
    });
  }

  // ------------------------------------------------------------------ statements

  private long insert(SqlInsert insert) throws SQLException {
    String table = name((SqlIdentifier) insert.getTargetTable());
    SqlNodeList columns = insert.getTargetColumnList();
    try (Statement calcite = connection.calcite().createStatement();
         ResultSet rows = query(calcite, insert.getSource())) {
      int width = rows.getMetaData().getColumnCount();
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table);
      if (columns != null && columns.size() > 0) {
        List<String> names = new ArrayList<>();
        for (SqlNode column : columns) {
          names.add(name((SqlIdentifier) column));
        }
        sql.append(" (").append(String.join(", ", names)).append(')');
      }
      sql.append(" VALUES (").append(BackingRowWriter.marks(width)).append(')');
      return writer.copy(rows, sql.toString(), width, new int[0]);
    }
  }

  private long update(SqlUpdate update) throws SQLException {
    SqlIdentifier target = (SqlIdentifier) update.getTargetTable();
    List<String> key = primaryKey(target);
    if (key.isEmpty()) {
      throw ErrorCode.UPDATE_WITHOUT_KEY.exception(target);
    }
    SqlNodeList select = new SqlNodeList(POS);
    SqlIdentifier alias = update.getAlias();
    for (String column : key) {
      select.add(alias == null ? new SqlIdentifier(column, POS)
          : new SqlIdentifier(List.of(alias.getSimple(), column), POS));
    }
    update.getSourceExpressionList().forEach(select::add);
    SqlNode from = alias == null ? target
        : SqlStdOperatorTable.AS.createCall(POS, target, alias);
    SqlSelect query = new SqlSelect(POS, null, select, from, update.getCondition(), null, null,
        null, null, null, null, null, null);
    List<String> sets = new ArrayList<>();
    for (SqlNode column : update.getTargetColumnList()) {
      sets.add(name((SqlIdentifier) column) + " = ?");
    }
    List<String> where = new ArrayList<>();
    for (String column : key) {
      where.add(connection.session().database().quote(column) + " = ?");
    }
    String sql = "UPDATE " + name(target) + " SET " + String.join(", ", sets) + " WHERE "
        + String.join(" AND ", where);
    // the statement's parameters: the new values, then the key; the query gives the key first
    int[] order = new int[key.size() + sets.size()];
    for (int i = 0; i < sets.size(); i++) {
      order[i] = key.size() + i;
    }
    for (int i = 0; i < key.size(); i++) {
      order[sets.size() + i] = i;
    }
    try (Statement calcite = connection.calcite().createStatement();
         ResultSet rows = query(calcite, query)) {
      return writer.copy(rows, sql, order.length, order);
    }
  }

  private long delete(SqlDelete delete) throws SQLException {
    SqlIdentifier target = (SqlIdentifier) delete.getTargetTable();
    List<String> key = primaryKey(target);
    if (key.isEmpty()) {
      throw ErrorCode.DELETE_WITHOUT_KEY.exception(target);
    }
    SqlNodeList select = new SqlNodeList(POS);
    SqlIdentifier alias = delete.getAlias();
    for (String column : key) {
      select.add(alias == null ? new SqlIdentifier(column, POS)
          : new SqlIdentifier(List.of(alias.getSimple(), column), POS));
    }
    SqlNode from = alias == null ? target
        : SqlStdOperatorTable.AS.createCall(POS, target, alias);
    SqlSelect query = new SqlSelect(POS, null, select, from, delete.getCondition(), null, null,
        null, null, null, null, null, null);
    List<String> where = new ArrayList<>();
    for (String column : key) {
      where.add(connection.session().database().quote(column) + " = ?");
    }
    String sql = "DELETE FROM " + name(target) + " WHERE " + String.join(" AND ", where);
    try (Statement calcite = connection.calcite().createStatement();
         ResultSet rows = query(calcite, query)) {
      return writer.copy(rows, sql, key.size(), new int[0]);
    }
  }

  /**
   * {@code CREATE TABLE t AS <query>}: the table gets the query's column names and SQL types,
   * then its rows. H2 commits a CREATE TABLE at once, so if a row fails the table is dropped.
   */
  private long createTableAs(String sql, List<SqlTokens.Token> tokens) throws SQLException {
    int as = -1;
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String text = tokens.get(i).text();
      if (text.equals("(")) {
        depth++;
      } else if (text.equals(")")) {
        depth--;
      } else if (depth == 0 && tokens.get(i).word() && text.equals("AS")) {
        as = i;
        break;
      }
    }
    if (as < 0 || !(tokens.size() > 2 && tokens.get(1).text().equals("TABLE"))) {
      throw ErrorCode.MODEL_CALL_WHERE_IT_CANNOT_RUN.exception("A table of predictions is "
          + "CREATE TABLE t AS SELECT ... PREDICT(...), a view with model calls CREATE VIEW v AS "
          + "SELECT ... PREDICT(...).");
    }
    String head = sql.substring(0, tokens.get(as).start());
    String body = sql.substring(tokens.get(as).end()).trim();
    String noData = null;
    String upper = body.toUpperCase(Locale.ROOT);
    for (String suffix : List.of("WITH NO DATA", "WITH DATA")) {
      if (upper.endsWith(suffix)) {
        noData = suffix;
        body = body.substring(0, body.length() - suffix.length()).trim();
        break;
      }
    }
    boolean withData = !"WITH NO DATA".equals(noData);
    SqlNode query = RowspaceStatement.parse(connection, body);
    boolean created = false;
    try (Statement calcite = connection.calcite().createStatement();
         ResultSet rows = query(calcite, query)) {
      ResultSetMetaData meta = rows.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(connection.session().database().quote(
            connection.session().database().fold(meta.getColumnLabel(i))) + " " + writer.sqlType(meta, i));
      }
      String ddl = head.trim() + " (" + String.join(", ", columns) + ")";
      String table = head.trim().substring(head.trim().lastIndexOf(' ') + 1);
      return writer.atomically(() -> {
        try (Statement statement = backing.createStatement()) {
          statement.execute(ddl);
        }
        try {
          return withData ? writer.copy(rows, "INSERT INTO " + table + " VALUES ("
              + BackingRowWriter.marks(meta.getColumnCount()) + ")", meta.getColumnCount(), new int[0]) : 0;
        } catch (SQLException | RuntimeException e) {
          if (backing.getAutoCommit() || connection.session().database().isH2()) {
            try (Statement statement = backing.createStatement()) {
              statement.execute("DROP TABLE " + table);
            } catch (SQLException ignored) {
              e.addSuppressed(ignored);
            }
          }
          throw e;
        }
      });
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Runs a query with model calls on Calcite, as {@code RowspaceStatement} does a SELECT. */
  ResultSet query(Statement calcite, SqlNode query) throws SQLException {
    try {
      SqlNode tree = new FunctionQueryRewriter(connection.session(), connection.calcite())
          .rewrite(query);
      connection.session().startExecution();
      return connection.calcite().prepare(tree, () -> calcite.executeQuery(userSql));
    } catch (SQLException | RuntimeException | StackOverflowError e) {
      throw ErrorTranslation.translate(e, userSql);
    }
  }

  private String name(SqlIdentifier identifier) {
    List<String> parts = new ArrayList<>();
    for (String part : identifier.names) {
      parts.add(connection.session().database().quote(part));
    }
    return String.join(".", parts);
  }

  private List<String> primaryKey(SqlIdentifier table) throws SQLException {
    String schema = table.names.size() > 1 ? table.names.get(table.names.size() - 2)
        : connection.session().database().defaultSchema();
    String name = table.names.get(table.names.size() - 1);
    DatabaseMetaData meta = backing.getMetaData();
    List<String> columns = new ArrayList<>();
    List<Integer> sequence = new ArrayList<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
        sequence.add(rs.getInt("KEY_SEQ"));
      }
    }
    List<String> ordered = new ArrayList<>(columns);
    for (int i = 0; i < columns.size(); i++) {
      ordered.set(sequence.get(i) - 1, columns.get(i));
    }
    if (ordered.isEmpty()) {
      try (ResultSet rs = meta.getTables(null, schema, name, null)) {
        if (!rs.next()) {
          throw RowspaceErrors.unknownTable(table.toString(), List.of());
        }
      }
    }
    return ordered;
  }
}
