package io.rowspace.sql.error;

import java.util.Locale;

/** Where a name stands in the text the user wrote, as "line L, column C" (1-based). */
final class UserTextPosition {
  private UserTextPosition() {
  }

  /**
   * The text of {@code sql} from line {@code line}, column {@code column} to line {@code endLine},
   * column {@code endColumn} (1-based, inclusive), or null if the span is not in it.
   */
  static String span(String sql, int line, int column, int endLine, int endColumn) {
    if (sql == null || line < 1) {
      return null;
    }
    int start = offset(sql, line, column);
    int end = offset(sql, endLine, endColumn);
    return start < 0 || end < start || end >= sql.length() ? null : sql.substring(start, end + 1);
  }

  private static int offset(String sql, int line, int column) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      at = sql.indexOf('\n', at);
      if (at < 0) {
        return -1;
      }
      at++;
    }
    return at + column - 1;
  }

  /**
   * The position of the first whole-word occurrence of {@code name} in {@code sql}, compared
   * without case (the database may have folded it), or null if it is not there.
   */
  static String of(String sql, String name) {
    if (sql == null || name.isEmpty()) {
      return null;
    }
    String text = sql.toLowerCase(Locale.ROOT);
    String wanted = name.toLowerCase(Locale.ROOT);
    for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
      int end = at + wanted.length();
      if ((at == 0 || !wordChar(text.charAt(at - 1)))
          && (end == text.length() || !wordChar(text.charAt(end)))) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
          if (sql.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        return "line " + line + ", column " + (at - lineStart + 1);
      }
    }
    return null;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
