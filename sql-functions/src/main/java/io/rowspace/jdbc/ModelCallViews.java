package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.ModelViews;
import io.rowspace.sql.error.ErrorTranslation;
import io.rowspace.sql.function.BackingViewText;
import io.rowspace.sql.routing.SqlTokens;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * {@code CREATE [OR REPLACE] VIEW v AS SELECT ... PREDICT(...)} (SPEC section 3.4): a view that
 * evaluates with the current models when queried. Two parts:
 * <ul>
 *   <li>a view of the same name in the backing database, with the same column names and types,
 *       whose model-call columns are typed NULLs (a model call elsewhere, e.g. in its WHERE, is
 *       NULL too): BI tools' metadata, {@code DROP VIEW} and the backing database's own
 *       dependency checks see it; read through a plain connection to the database, it has no
 *       predictions;</li>
 *   <li>its definition in {@code ROWSPACE.MODEL_VIEWS} ({@link ModelViews}): a statement through
 *       Rowspace that names the view is a query with model calls, and the view is expanded into
 *       its query there, so it runs with the model as it is now.</li>
 * </ul>
 * {@code DROP VIEW} and a {@code CREATE OR REPLACE VIEW} without a model call run on the backing
 * database and then remove the definition.
 */
final class ModelCallViews {
  private final RowspaceConnection connection;

  ModelCallViews(RowspaceConnection connection) {
    this.connection = connection;
  }

  /** Whether a statement is {@code CREATE [OR REPLACE] VIEW}. */
  static boolean creates(String sql) {
    return viewNameAt(SqlTokens.tokenize(sql)) > 0
        && SqlTokens.tokenize(sql).get(0).text().equals("CREATE");
  }

  /** The index of the token after VIEW in CREATE [OR REPLACE] VIEW / DROP VIEW, or -1. */
  private static int viewNameAt(List<SqlTokens.Token> tokens) {
    if (tokens.size() < 3 || !tokens.get(0).word()) {
      return -1;
    }
    String first = tokens.get(0).text();
    if (first.equals("CREATE") && tokens.get(1).text().equals("VIEW")) {
      return 2;
    }
    if (first.equals("CREATE") && tokens.size() > 4 && tokens.get(1).text().equals("OR")
        && tokens.get(2).text().equals("REPLACE") && tokens.get(3).text().equals("VIEW")) {
      return 4;
    }
    if (first.equals("DROP") && tokens.get(1).text().equals("VIEW")) {
      boolean ifExists = tokens.size() > 4 && tokens.get(2).text().equals("IF")
          && tokens.get(3).text().equals("EXISTS");
      return ifExists ? 4 : 2;
    }
    return -1;
  }

  /** Whether a statement that calls no model names a view whose query calls one. */
  static boolean readsOne(RowspaceSession session, String sql) throws SQLException {
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    if (tokens.isEmpty() || viewNameAt(tokens) > 0 || !tokens.get(0).word()
        || tokens.get(0).text().equals("ALTER") || tokens.get(0).text().equals("DROP")) {
      return false;
    }
    Map<String, String> views = new ModelViews(session.database()).definitions();
    if (views.isEmpty()) {
      return false;
    }
    for (SqlTokens.Token token : tokens) {
      for (String view : views.keySet()) {
        if (token.text().equalsIgnoreCase(view) || token.text().equals("\"" + view + "\"")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * After {@code DROP VIEW v} or {@code CREATE OR REPLACE VIEW v} without a model call ran on
   * the backing database: v's definition, if it had one, is gone too.
   */
  static void afterPassThrough(RowspaceSession session, Connection backing, String sql)
      throws SQLException {
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    int at = viewNameAt(tokens);
    if (at < 0 || at >= tokens.size()) {
      return;
    }
    ModelViews views = new ModelViews(session.database());
    if (views.definitions().isEmpty()) {
      return;
    }
    int end = at + 1;
    while (end + 1 < tokens.size() && tokens.get(end).text().equals(".")) {
      end += 2;
    }
    String name = sql.substring(tokens.get(at).start(), tokens.get(end - 1).end());
    views.delete(backing, lastName(session, name));
  }

  /** Creates the view; returns 0 (no rows change). */
  long create(String sql) throws SQLException {
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    boolean orReplace = tokens.get(1).text().equals("OR");
    int at = viewNameAt(tokens);
    int as = -1;
    for (int i = at; i < tokens.size(); i++) {
      if (tokens.get(i).word() && tokens.get(i).text().equals("AS")) {
        as = i;
        break;
      }
      if (tokens.get(i).text().equals("(")) {
        throw ErrorCode.VIEW_COLUMN_LIST.exception();
      }
    }
    if (as < 0) {
      throw ErrorCode.VIEW_WITHOUT_QUERY.exception();
    }
    String nameText = sql.substring(tokens.get(at).start(), tokens.get(as).start()).strip();
    String written = sql.substring(tokens.get(as).end()).strip();
    String body = written.endsWith(";")
        ? written.substring(0, written.length() - 1).strip() : written;
    RowspaceSession session = connection.session();
    String name = lastName(session, nameText);
    // The query as Rowspace runs it: validates it, and gives the view's columns and types
    SqlNode rewritten = RowspaceStatement.rewrite(connection, body);
    String backingQuery;
    try (PreparedStatement prepared = connection.calcite().prepare(rewritten,
        () -> connection.calcite().connection().prepareStatement(body))) {
      ResultSetMetaData columns = prepared.getMetaData();
      backingQuery = BackingViewText.write(RowspaceStatement.parse(connection, body), columns,
          connection.calcite());
    } catch (SQLException | RuntimeException e) {
      throw ErrorTranslation.translate(e, body);
    }
    Connection backing = connection.backing();
    try (Statement statement = backing.createStatement()) {
      statement.execute("CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + nameText
          + " AS " + backingQuery);
    }
    new ModelViews(session.database()).store(backing, name, body);
    return 0;
  }

  /** The view's own name (without schema) as the backing database folds it. */
  private static String lastName(RowspaceSession session, String nameText) throws SQLException {
    SqlNode parsed;
    try {
      parsed = io.rowspace.sql.parser.RowspaceSqlParser.parse("SELECT * FROM " + nameText,
          session.database().unquotedCasing());
    } catch (org.apache.calcite.sql.parser.SqlParseException e) {
      throw ErrorCode.NOT_A_VIEW_NAME.exception(e, nameText);
    }
    SqlIdentifier identifier = (SqlIdentifier) ((SqlSelect) parsed).getFrom();
    return identifier.names.get(identifier.names.size() - 1);
  }
}
