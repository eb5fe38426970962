package io.rowspace.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script cut into statements at the semicolons that end them.
 *
 * <p>A semicolon ends a statement only outside {@code '...'} strings, {@code "..."} quoted
 * identifiers, {@code $tag$...$tag$} dollar-quoted bodies, {@code --} line comments and
 * {@code /* *}{@code /} block comments; doubled quotes inside strings and identifiers are escapes
 * and need no special care because they close and reopen the quote. Comments and white space
 * before a statement are dropped, so every statement handed to a driver starts with its first
 * keyword; a piece holding nothing but comments is not a statement.
 */
public final class SqlScript {
  private final List<String> statements;
  private final String remainder;

  private SqlScript(List<String> statements, String remainder) {
    this.statements = List.copyOf(statements);
    this.remainder = remainder;
  }

  /** Cuts {@code text}; text after the last semicolon becomes the {@link #remainder()}. */
  public static SqlScript parse(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : '\0';
      if (c == '\'' || c == '"') {
        i = skipQuoted(text, i, c);
      } else if (c == '-' && next == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '$' && (i == 0 || !isIdentifierPart(text.charAt(i - 1)))) {
        i = skipDollarQuoted(text, i);
      } else if (c == ';') {
        addStatement(statements, text.substring(start, i));
        i++;
        start = i;
      } else {
        i++;
      }
    }
    return new SqlScript(statements, text.substring(start));
  }

  /** Every statement of {@code text}, including a last one that lacks its semicolon. */
  public static List<String> statementsOf(String text) {
    SqlScript script = parse(text);
    List<String> all = new ArrayList<>(script.statements);
    addStatement(all, script.remainder);
    return all;
  }

  /** The statements that a semicolon ended, each without it, trimmed. */
  public List<String> statements() {
    return statements;
  }

  /** The text after the last terminated statement, as written (it may be blank or a comment). */
  public String remainder() {
    return remainder;
  }

  /** Whether the text after the last semicolon still holds the start of a statement. */
  public boolean isIncomplete() {
    return startOfContent(remainder) >= 0;
  }

  private static void addStatement(List<String> statements, String piece) {
    int from = startOfContent(piece);
    if (from >= 0) {
      statements.add(piece.substring(from).strip());
    }
  }

  /**
   * Index of the first character of {@code piece} that is neither white space nor part of a
   * comment, or -1 when there is none.
   */
  static int startOfContent(String piece) {
    int i = 0;
    int n = piece.length();
    while (i < n) {
      char c = piece.charAt(i);
      char next = i + 1 < n ? piece.charAt(i + 1) : '\0';
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && next == '-') {
        int end = piece.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && next == '*') {
        int end = piece.indexOf("*/", i + 2);
        if (end < 0) {
          // An unclosed block comment may still be followed by a statement once it is closed.
          return i;
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return -1;
  }

  private static int skipQuoted(String text, int open, char quote) {
    int end = text.indexOf(quote, open + 1);
    return end < 0 ? text.length() : end + 1;
  }

  /** Skips {@code $tag$ ... $tag$}; a lone {@code $} (e.g. a parameter {@code $1}) is ordinary. */
  private static int skipDollarQuoted(String text, int open) {
    int i = open + 1;
    if (i < text.length() && Character.isDigit(text.charAt(i))) {
      return i;
    }
    while (i < text.length() && isIdentifierPart(text.charAt(i))) {
      i++;
    }
    if (i >= text.length() || text.charAt(i) != '$') {
      return open + 1;
    }
    String tag = text.substring(open, i + 1);
    int end = text.indexOf(tag, i + 1);
    return end < 0 ? text.length() : end + tag.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
