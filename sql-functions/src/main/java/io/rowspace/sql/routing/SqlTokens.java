package io.rowspace.sql.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A light lexer that sees words and punctuation of a SQL text, skipping comments, string literals
 * and quoted identifiers. It decides only <em>where</em> a statement goes; parsing is the
 * parser's job.
 */
public final class SqlTokens {
  /**
   * A token: a word (upper-cased) or a single punctuation character, at {@code start} (inclusive)
   * to {@code end} (exclusive) in the text.
   */
  public record Token(String text, boolean word, int start, int end) {
  }

  private SqlTokens() {
  }

  public static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int start = i;
        i = skipQuoted(sql, i, c);
        tokens.add(new Token(c == '\'' ? "'" : "\"", false, start, i));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        tokens.add(new Token(sql.substring(start, i).toUpperCase(Locale.ROOT), true, start, i));
      } else {
        tokens.add(new Token(String.valueOf(c), false, i, i + 1));
        i++;
      }
    }
    return tokens;
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
