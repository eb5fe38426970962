package io.rowspace.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text cut into the tokens a mutation works on: quoted strings and identifiers stay whole,
 * so deleting or swapping a token keeps the rest of the statement lexically intact.
 */
final class SqlTokens {
  private SqlTokens() {
  }

  /** The tokens of a statement, without whitespace. */
  static List<String> split(String sql) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int end;
      if (c == '\'' || c == '"') {
        end = closingQuote(sql, i);
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        end = i + 1;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end))
            || sql.charAt(end) == '_' || sql.charAt(end) == '.')) {
          end++;
        }
      } else if (sql.startsWith("=>", i) || sql.startsWith("<=", i) || sql.startsWith(">=", i)
          || sql.startsWith("<>", i) || sql.startsWith("||", i)) {
        end = i + 2;
      } else {
        end = i + Character.charCount(sql.codePointAt(i));
      }
      tokens.add(sql.substring(i, end));
      i = end;
    }
    return tokens;
  }

  private static int closingQuote(String sql, int start) {
    char quote = sql.charAt(start);
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

  /** Joins tokens back into a statement, one space between each. */
  static String join(List<String> tokens) {
    return String.join(" ", tokens);
  }

  static boolean isIdentifier(String token) {
    return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '"');
  }

  static boolean isLiteral(String token) {
    return !token.isEmpty() && (token.charAt(0) == '\'' || Character.isDigit(token.charAt(0)));
  }
}
