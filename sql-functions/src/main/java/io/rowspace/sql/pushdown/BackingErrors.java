package io.rowspace.sql.pushdown;

import io.rowspace.error.SqlStates;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The backing database's refusal of a {@link BackingQuery}, as the user's error: the database's
 * own message without the generated SQL it quotes, and the SQLSTATEs of SPEC section 9 for an
 * unknown table or column (H2 and PostgreSQL have their own codes for them). It stays the
 * database's error, not an entry of Rowspace's catalogue ({@code ErrorCode}): its message is the
 * database's and it keeps the database's vendor code.
 */
public final class BackingErrors {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private BackingErrors() {
  }

  public static SQLException of(SQLException error) {
    String message = error.getMessage() == null ? "The backing database refused the query"
        : error.getMessage();
    int sql = message.indexOf("; SQL statement:");
    if (sql >= 0) {
      message = message.substring(0, sql);
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    message = message.replaceFirst("^ERROR: ", "").strip();
    String state = error.getSQLState();
    if ("42122".equals(state) || "42703".equals(state)) {
      state = SqlStates.UNKNOWN_COLUMN;
    } else if ("42102".equals(state) || "42104".equals(state) || "42P01".equals(state)) {
      state = SqlStates.UNKNOWN_TABLE;
    } else if ("90059".equals(state) || "42702".equals(state)) {
      // H2's and PostgreSQL's codes for a column name more than one table of FROM has
      state = SqlStates.AMBIGUOUS_COLUMN;
      message = message.replaceFirst("\\.?$", ". Qualify it with its table's alias; a model "
          + "call reads its input columns by name, so name them: PREDICT('p', column => "
          + "alias.column, ...).");
    } else if (state == null) {
      state = SqlStates.SYNTAX;
    }
    if (!message.endsWith(".")) {
      message = message + ".";
    }
    return new SQLException(message, state, error.getErrorCode(), error);
  }

  /**
   * As {@link #of(SQLException)}, for a query built of the user's parse tree: an unknown column
   * or table the database names is given the position where the user wrote it.
   */
  public static SQLException of(SQLException error, SqlNode query) {
    SQLException translated = of(error);
    String state = translated.getSQLState();
    Matcher quoted = QUOTED.matcher(translated.getMessage());
    if (!SqlStates.UNKNOWN_COLUMN.equals(state) && !SqlStates.UNKNOWN_TABLE.equals(state)
        || !quoted.find()) {
      return translated;
    }
    String name = quoted.group(1);
    String simple = name.substring(name.lastIndexOf('.') + 1);
    SqlParserPos[] first = new SqlParserPos[1];
    query.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlIdentifier identifier) {
        SqlParserPos pos = identifier.getParserPosition();
        boolean named = identifier.names.stream().anyMatch(part -> part.equalsIgnoreCase(simple));
        if (named && pos.getLineNum() > 0 && (first[0] == null
            || pos.getLineNum() < first[0].getLineNum()
            || pos.getLineNum() == first[0].getLineNum()
            && pos.getColumnNum() < first[0].getColumnNum())) {
          first[0] = pos;
        }
        return null;
      }
    });
    if (first[0] == null) {
      return translated;
    }
    String message = translated.getMessage();
    String where = " (line " + first[0].getLineNum() + ", column " + first[0].getColumnNum()
        + ")";
    return new SQLException(message.substring(0, message.length() - 1) + where + ".", state,
        translated.getErrorCode(), error);
  }
}
